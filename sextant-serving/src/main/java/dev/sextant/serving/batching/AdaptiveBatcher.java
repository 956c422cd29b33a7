package dev.sextant.serving.batching;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.serving.deployment.Batching;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.InferenceOutputs;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges concurrent requests to one model into one model call. Worker threads take what is
 * queued, up to {@code maxBatchSize} rows; they wait up to {@code maxWait} for more only while
 * requests arrive faster than that (so a lone request is never held back), run the merged call
 * and hand each caller its own rows. A merged call refused as bad input is retried request by
 * request, so one caller's mistake never fails the others.
 */
public final class AdaptiveBatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdaptiveBatcher.class);
    /** Gaps longer than this count as this: a quiet spell should not take long to forget. */
    private static final long MAX_GAP_NANOS = 1_000_000_000L;

    private final Function<InferenceInputs, InferenceOutputs> model;
    private final int maxRows;
    private final long maxWaitNanos;
    private final IntConsumer batchSizes;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;
    /** Smoothed gap between arrivals (ns): whether waiting for company is likely to pay. */
    private volatile long arrivalGapNanos = MAX_GAP_NANOS;
    private volatile long lastArrival = System.nanoTime();

    private record Pending(InferenceInputs inputs, Optional<String> key, CompletableFuture<InferenceOutputs> result) {
    }

    /**
     * @param model runs one (merged) call
     * @param batchSizes told the row count of every model call, for metrics
     */
    public AdaptiveBatcher(String name, Function<InferenceInputs, InferenceOutputs> model, Batching batching,
                           int workerCount, IntConsumer batchSizes) {
        this.model = model;
        this.maxRows = batching.maxBatchSize();
        this.maxWaitNanos = batching.maxWait().toNanos();
        this.batchSizes = batchSizes;
        for (int i = 0; i < workerCount; i++) {
            Thread worker = Thread.ofPlatform().daemon().name("batcher-" + name + "-" + i).unstarted(this::work);
            workers.add(worker);
            worker.start();
        }
    }

    /** Runs {@code inputs}, in company when there is some; blocks until its rows are back. */
    public InferenceOutputs predict(InferenceInputs inputs) {
        Optional<String> key = BatchMerge.key(inputs);
        if (closed || key.isEmpty()) {
            return run(inputs);
        }
        long now = System.nanoTime();
        long gap = now - lastArrival;
        lastArrival = now;
        long smoothed = arrivalGapNanos;
        arrivalGapNanos = smoothed - smoothed / 8 + Math.min(Math.max(0, gap), MAX_GAP_NANOS) / 8;
        Pending pending = new Pending(inputs, key, new CompletableFuture<>());
        queue.add(pending);
        try {
            return pending.result().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SextantException(ErrorCode.INTERNAL_ERROR, "Batched inference failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SextantException(ErrorCode.TEMPORARILY_UNAVAILABLE, "Interrupted while waiting for the model.");
        }
    }

    private InferenceOutputs run(InferenceInputs inputs) {
        InferenceOutputs outputs = model.apply(inputs);
        batchSizes.accept(BatchMerge.key(inputs).isPresent() ? BatchMerge.rows(inputs) : 1);
        return outputs;
    }

    private void work() {
        ArrayDeque<Pending> held = new ArrayDeque<>();
        while (!closed || !queue.isEmpty() || !held.isEmpty()) {
            try {
                List<Pending> batch = collect(held);
                if (!batch.isEmpty()) {
                    execute(batch);
                }
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
            } catch (RuntimeException e) {
                LOG.error("Batch worker failed", e);
            }
        }
        runLeftovers(held);
    }

    /** The next batch: requests of one key, at most {@link #maxRows} rows; others wait in {@code held}. */
    private List<Pending> collect(ArrayDeque<Pending> held) throws InterruptedException {
        Pending first = held.isEmpty() ? queue.poll(100, TimeUnit.MILLISECONDS) : held.poll();
        if (first == null) {
            return List.of();
        }
        List<Pending> batch = new ArrayList<>();
        batch.add(first);
        int rows = BatchMerge.rows(first.inputs());
        String key = first.key().orElseThrow();
        long deadline = System.nanoTime() + maxWaitNanos;
        int heldCount = held.size();
        for (int i = 0; i < heldCount && rows < maxRows; i++) {
            Pending next = held.poll();
            rows = take(batch, held, next, key, rows);
        }
        while (rows < maxRows) {
            Pending next = queue.poll();
            if (next == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || arrivalGapNanos > maxWaitNanos || closed) {
                    break;
                }
                next = queue.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
            }
            rows = take(batch, held, next, key, rows);
        }
        return batch;
    }

    private int take(List<Pending> batch, ArrayDeque<Pending> held, Pending next, String key, int rows) {
        int nextRows = BatchMerge.rows(next.inputs());
        if (next.key().orElseThrow().equals(key) && rows + nextRows <= maxRows) {
            batch.add(next);
            return rows + nextRows;
        }
        held.add(next);
        return rows;
    }

    private void execute(List<Pending> batch) {
        if (batch.size() == 1) {
            complete(batch.get(0));
            return;
        }
        int[] rows = batch.stream().mapToInt(p -> BatchMerge.rows(p.inputs())).toArray();
        Optional<List<InferenceOutputs>> parts;
        try {
            InferenceInputs merged = BatchMerge.merge(batch.stream().map(Pending::inputs).toList());
            parts = BatchMerge.split(run(merged), rows);
        } catch (SextantException e) {
            if (e.code().httpStatus() >= 500) {
                batch.forEach(p -> p.result().completeExceptionally(e));
                return;
            }
            parts = Optional.empty();
        } catch (RuntimeException e) {
            batch.forEach(p -> p.result().completeExceptionally(e));
            return;
        }
        if (parts.isEmpty()) {
            // Refused together or not splittable: each request on its own, with its own answer.
            batch.forEach(this::complete);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(parts.get().get(i));
        }
    }

    private void complete(Pending pending) {
        try {
            pending.result().complete(run(pending.inputs()));
        } catch (RuntimeException e) {
            pending.result().completeExceptionally(e);
        }
    }

    private void runLeftovers(ArrayDeque<Pending> held) {
        Map<Pending, Boolean> left = new LinkedHashMap<>();
        held.forEach(p -> left.put(p, true));
        queue.forEach(p -> left.put(p, true));
        left.keySet().forEach(this::complete);
    }

    /** Finishes what is queued, then stops the workers. */
    @Override
    public void close() {
        closed = true;
        for (Thread worker : workers) {
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
