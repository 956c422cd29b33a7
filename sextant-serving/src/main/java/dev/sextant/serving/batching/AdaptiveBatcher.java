package dev.sextant.serving.batching;

import dev.sextant.serving.deployment.Batching;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.InferenceOutputs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * outputs, see {@link BatchMerge#key}); a merged call that fails is retried request by request,
 * so only a request that fails on its own gets an error.
 */
public final class AdaptiveBatcher implements AutoCloseable {
    /** Gaps longer than this count as this: a quiet spell should not take long to forget. */
    private static final long MAX_GAP_NANOS = 1_000_000_000L;

    private final MergedCalls calls;
    private final int maxRows;
    private final long maxWaitNanos;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean leading = new AtomicBoolean();
    /** The leader while it waits for company, so that arrivals can wake it. */
    private volatile Thread waitingLeader;
    /** Rows queued and not yet taken by a leader. */
    private final AtomicInteger queuedRows = new AtomicInteger();
    /**
     * Rows the current leader has taken. Raised before {@link #queuedRows} is lowered, so an arrival
     * that adds the two never counts fewer rows than there are, and wakes the waiting leader only
     * once a call is full: waking it for every arrival cost a park and unpark per request.
     */
    private volatile int takenRows;
    private volatile boolean closed;
    /** Smoothed gap between arrivals (ns): whether waiting for company is likely to pay. */
    private volatile long arrivalGapNanos = MAX_GAP_NANOS;
    private volatile long lastArrival = System.nanoTime();

    /** One request waiting for its rows; completed once, by whichever thread leads its call. */
    private static final class Pending {
        final InferenceInputs inputs;
        final int rows;
        final Thread caller = Thread.currentThread();
        private volatile boolean done;
        private MergedCalls.Outcome outcome;

        Pending(InferenceInputs inputs) {
            this.inputs = inputs;
            this.rows = BatchMerge.rows(inputs);
        }

        void complete(MergedCalls.Outcome result) {
            outcome = result;
            done = true; // publishes the outcome
            if (caller != Thread.currentThread()) {
                LockSupport.unpark(caller);
            }
        }
    }

    /**
     * @param model runs one (merged) call
     * @param batchSizes told the row count of every model call, for metrics
     */
    public AdaptiveBatcher(Function<InferenceInputs, InferenceOutputs> model, Batching batching, IntConsumer batchSizes) {
        this.calls = new MergedCalls(model, batching.maxBatchSize(), batchSizes);
        this.maxRows = batching.maxBatchSize();
        this.maxWaitNanos = batching.maxWait().toNanos();
    }

    /** Runs {@code inputs}, in company when there is some; returns once its rows are back. */
    public InferenceOutputs predict(InferenceInputs inputs) {
        if (closed || BatchMerge.key(inputs).isEmpty()) {
            return calls.runAlone(inputs);
        }
        long now = System.nanoTime();
        long gap = now - lastArrival;
        lastArrival = now;
        long smoothed = arrivalGapNanos;
        arrivalGapNanos = smoothed - smoothed / 8 + Math.min(Math.max(0, gap), MAX_GAP_NANOS) / 8;
        Pending mine = new Pending(inputs);
        queue.add(mine);
        int queued = queuedRows.addAndGet(mine.rows);
        Thread leader = waitingLeader;
        if (leader != null && queued + takenRows >= maxRows) {
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
        return mine.outcome.outputs();
    }

    /**
     * Takes everything queued (the leader's own request among it, or already answered) and runs it,
     * first waiting for more while that is likely to pay.
     */
    private void lead() {
        List<Pending> taken = new ArrayList<>();
        takenRows = 0;
        int rows = drain(taken, 0);
        if (rows < maxRows && maxWaitNanos > 0 && arrivalGapNanos <= maxWaitNanos && !closed) {
            long deadline = System.nanoTime() + maxWaitNanos;
            waitingLeader = Thread.currentThread();
            try {
                // Arrivals before the leader was visible woke nobody: take them before sleeping.
                rows = drain(taken, rows);
                for (long left = maxWaitNanos; rows < maxRows && left > 0; left = deadline - System.nanoTime()) {
                    LockSupport.parkNanos(this, left);
                    rows = drain(taken, rows);
                }
            } finally {
                waitingLeader = null;
            }
            drain(taken, rows);
        }
        List<MergedCalls.Outcome> outcomes = calls.run(taken.stream().map(p -> p.inputs).toList());
        for (int i = 0; i < taken.size(); i++) {
            taken.get(i).complete(outcomes.get(i));
        }
    }

    /** Moves what is queued into {@code taken}; the rows taken so far, plus those. */
    private int drain(List<Pending> taken, int rows) {
        int total = rows;
        for (Pending next = queue.poll(); next != null; next = queue.poll()) {
            taken.add(next);
            total += next.rows;
            takenRows = total;
            queuedRows.addAndGet(-next.rows);
        }
        return total;
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
