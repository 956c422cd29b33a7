package dev.sextant.serving.batching;

import dev.sextant.api.SextantException;
import dev.sextant.serving.deployment.Batching;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.InferenceOutputs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Merges concurrent requests to one model into one model call, without threads of its own: the
 * caller that finds no call being prepared runs the next one itself (it leads), with every request
 * queued by then, and the others wait for their rows. So a lone request runs on its own thread at
 * once, with no hand-over to a worker and back, and company is merged whenever it is there. The
 * leader waits up to {@code maxWait} for more requests only while they arrive faster than that.
 * Calls hold at most {@code maxBatchSize} rows of requests that can be merged (same inputs and
 * outputs, see {@link BatchMerge#key}); a merged call refused as bad input is retried request by
 * request, so one caller's mistake never fails the others.
 */
public final class AdaptiveBatcher implements AutoCloseable {
    /** Gaps longer than this count as this: a quiet spell should not take long to forget. */
    private static final long MAX_GAP_NANOS = 1_000_000_000L;

    private final Function<InferenceInputs, InferenceOutputs> model;
    private final int maxRows;
    private final long maxWaitNanos;
    private final IntConsumer batchSizes;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean leading = new AtomicBoolean();
    /** The leader while it waits for company, so that arrivals can wake it. */
    private volatile Thread waitingLeader;
    private volatile boolean closed;
    /** Smoothed gap between arrivals (ns): whether waiting for company is likely to pay. */
    private volatile long arrivalGapNanos = MAX_GAP_NANOS;
    private volatile long lastArrival = System.nanoTime();

    /** One request waiting for its rows; completed once, by whichever thread leads its call. */
    private static final class Pending {
        final InferenceInputs inputs;
        final String key;
        final int rows;
        final Thread caller = Thread.currentThread();
        private volatile boolean done;
        private InferenceOutputs outputs;
        private RuntimeException failure;

        Pending(InferenceInputs inputs, String key) {
            this.inputs = inputs;
            this.key = key;
            this.rows = BatchMerge.rows(inputs);
        }

        void complete(InferenceOutputs result) {
            outputs = result;
            finish();
        }

        void fail(RuntimeException error) {
            failure = error;
            finish();
        }

        private void finish() {
            done = true; // publishes outputs or failure
            if (caller != Thread.currentThread()) {
                LockSupport.unpark(caller);
            }
        }

        InferenceOutputs result() {
            if (failure != null) {
                throw failure;
            }
            return outputs;
        }
    }

    /**
     * @param model runs one (merged) call
     * @param batchSizes told the row count of every model call, for metrics
     */
    public AdaptiveBatcher(Function<InferenceInputs, InferenceOutputs> model, Batching batching, IntConsumer batchSizes) {
        this.model = model;
        this.maxRows = batching.maxBatchSize();
        this.maxWaitNanos = batching.maxWait().toNanos();
        this.batchSizes = batchSizes;
    }

    /** Runs {@code inputs}, in company when there is some; returns once its rows are back. */
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
        Pending mine = new Pending(inputs, key.get());
        queue.add(mine);
        Thread leader = waitingLeader;
        if (leader != null) {
            LockSupport.unpark(leader);
        }
        boolean interrupted = false;
        while (!mine.done) {
            if (!leading.get() && leading.compareAndSet(false, true)) {
                try {
                    lead();
                } finally {
                    leading.set(false);
                }
                // Whoever queued while this call ran needs a leader; the oldest takes over.
                Pending next = queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.caller);
                }
            } else {
                LockSupport.park(this);
                // Its rows are coming and a leader may hand over to it: it waits for them regardless.
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return mine.result();
    }

    private InferenceOutputs run(InferenceInputs inputs) {
        InferenceOutputs outputs = model.apply(inputs);
        batchSizes.accept(BatchMerge.key(inputs).isPresent() ? BatchMerge.rows(inputs) : 1);
        return outputs;
    }

    /**
     * Takes everything queued (the leader's own request among it, or already answered) and runs it,
     * first waiting for more while that is likely to pay.
     */
    private void lead() {
        List<Pending> taken = new ArrayList<>();
        int rows = drain(taken, 0);
        if (rows < maxRows && maxWaitNanos > 0 && arrivalGapNanos <= maxWaitNanos && !closed) {
            long deadline = System.nanoTime() + maxWaitNanos;
            waitingLeader = Thread.currentThread();
            try {
                for (long left = maxWaitNanos; rows < maxRows && left > 0; left = deadline - System.nanoTime()) {
                    LockSupport.parkNanos(this, left);
                    rows = drain(taken, rows);
                }
            } finally {
                waitingLeader = null;
            }
            drain(taken, rows);
        }
        for (List<Pending> batch : batches(taken)) {
            execute(batch);
        }
    }

    /** Moves what is queued into {@code taken}; the rows taken so far, plus those. */
    private int drain(List<Pending> taken, int rows) {
        int total = rows;
        for (Pending next = queue.poll(); next != null; next = queue.poll()) {
            taken.add(next);
            total += next.rows;
        }
        return total;
    }

    /** Requests grouped by key in arrival order, cut into calls of at most {@link #maxRows} rows. */
    private List<List<Pending>> batches(List<Pending> taken) {
        List<List<Pending>> batches = new ArrayList<>();
        Map<String, List<Pending>> open = new HashMap<>();
        Map<String, Integer> openRows = new HashMap<>();
        for (Pending pending : taken) {
            List<Pending> batch = open.get(pending.key);
            int rows = openRows.getOrDefault(pending.key, 0);
            if (batch == null || rows + pending.rows > maxRows) {
                batch = new ArrayList<>();
                batches.add(batch);
                open.put(pending.key, batch);
                rows = 0;
            }
            batch.add(pending);
            openRows.put(pending.key, rows + pending.rows);
        }
        return batches;
    }

    private void execute(List<Pending> batch) {
        if (batch.size() == 1) {
            complete(batch.get(0));
            return;
        }
        int[] rows = batch.stream().mapToInt(p -> p.rows).toArray();
        Optional<List<InferenceOutputs>> parts;
        try {
            InferenceInputs merged = BatchMerge.merge(batch.stream().map(p -> p.inputs).toList());
            parts = BatchMerge.split(run(merged), rows);
        } catch (SextantException e) {
            if (e.code().httpStatus() >= 500) {
                batch.forEach(p -> p.fail(e));
                return;
            }
            parts = Optional.empty();
        } catch (RuntimeException e) {
            batch.forEach(p -> p.fail(e));
            return;
        }
        if (parts.isEmpty()) {
            // Refused together or not splittable: each request on its own, with its own answer.
            batch.forEach(this::complete);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).complete(parts.get().get(i));
        }
    }

    private void complete(Pending pending) {
        try {
            pending.complete(run(pending.inputs));
        } catch (RuntimeException e) {
            pending.fail(e);
        }
    }

    /** New requests run on their own; those already queued are still answered by their leaders. */
    @Override
    public void close() {
        closed = true;
        Pending next = queue.peek();
        if (next != null) {
            LockSupport.unpark(next.caller);
        }
    }
}
