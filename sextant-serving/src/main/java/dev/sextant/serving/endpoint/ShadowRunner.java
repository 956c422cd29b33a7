package dev.sextant.serving.endpoint;

import dev.sextant.serving.batching.MergedCalls;
import dev.sextant.serving.inferencelog.InferenceLog;
import dev.sextant.serving.inferencelog.ShadowRecord;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.InferenceOutputs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs mirrored requests after the primary has answered, on one thread of its own: it takes the
 * mirrors queued (about a millisecond's worth) and runs those for the same shadow model in merged
 * calls ({@link MergedCalls}), so mirroring all of a deployment's traffic costs a fraction of a
 * model call per request and never occupies the threads that answer. At most {@value #MAX_QUEUED} mirrors wait; beyond that a mirror
 * is skipped (and counted) rather than queued, so shadow traffic never holds up the primary or
 * piles up.
 */
final class ShadowRunner implements AutoCloseable {
    static final int MAX_QUEUED = 256;
    /** Rows per merged shadow call. */
    static final int MAX_ROWS_PER_CALL = 64;
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * Once woken, the runner lets mirrors gather this long before taking them: waking a thread per
     * mirror would cost more than the mirror, and a shadow answer is not waited for.
     */
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private record Mirror(String requestId, String deployment, LiveModel primary, LiveModel shadow,
                          InferenceInputs inputs, InferenceOutputs primaryOutputs, Runnable done) {
    }

    private final ConcurrentLinkedQueue<Mirror> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final InferenceLog log;
    private final Thread worker;
    private volatile boolean idle;
    private volatile boolean closed;

    ShadowRunner(InferenceLog log) {
        this.log = log;
        this.worker = Thread.ofPlatform().daemon().name("shadow-runner").unstarted(this::work);
        worker.start();
    }

    /** False when the mirror was skipped; {@code done} runs after a submitted mirror finishes. */
    boolean submit(String requestId, String deployment, LiveModel primary, LiveModel shadow, InferenceInputs inputs,
                   InferenceOutputs primaryOutputs, Runnable done) {
        if (closed || queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            shadow.meters.shadowSkipped.increment();
            return false;
        }
        queue.add(new Mirror(requestId, deployment, primary, shadow, inputs, primaryOutputs, done));
        if (idle) {
            LockSupport.unpark(worker);
        }
        return true;
    }

    private void work() {
        while (true) {
            List<Mirror> taken = new ArrayList<>();
            for (Mirror next = queue.poll(); next != null; next = queue.poll()) {
                taken.add(next);
            }
            if (taken.isEmpty()) {
                if (closed) {
                    return;
                }
                // A submit either sees idle and wakes this thread, or queued before the check below.
                idle = true;
                if (queue.isEmpty() && !closed) {
                    LockSupport.parkNanos(this, IDLE_NANOS);
                }
                idle = false;
                if (!closed) {
                    LockSupport.parkNanos(this, GATHER_NANOS);
                }
                continue;
            }
            Map<LiveModel, List<Mirror>> byShadow = new LinkedHashMap<>();
            taken.forEach(mirror -> byShadow.computeIfAbsent(mirror.shadow(), s -> new ArrayList<>()).add(mirror));
            byShadow.forEach(this::run);
        }
    }

    private void run(LiveModel shadow, List<Mirror> mirrors) {
        long start = System.nanoTime();
        List<MergedCalls.Outcome> outcomes;
        try {
            // the shadow model counts the rows of each call it runs
            outcomes = new MergedCalls(shadow::predict, MAX_ROWS_PER_CALL, rows -> { })
                    .run(mirrors.stream().map(Mirror::inputs).toList());
        } catch (RuntimeException e) {
            outcomes = mirrors.stream().<MergedCalls.Outcome>map(m -> new MergedCalls.Failed(e)).toList();
        }
        long elapsed = System.nanoTime() - start;
        for (int i = 0; i < mirrors.size(); i++) {
            Mirror mirror = mirrors.get(i);
            try {
                record(mirror, outcomes.get(i), elapsed);
            } finally {
                queued.decrementAndGet();
                mirror.done().run();
            }
        }
    }

    private void record(Mirror mirror, MergedCalls.Outcome outcome, long elapsed) {
        LiveModel shadow = mirror.shadow();
        switch (outcome) {
            case MergedCalls.Answered answered -> {
                shadow.record(elapsed, 200);
                boolean agreed = Agreement.agree(mirror.primaryOutputs(), answered.outputs());
                (agreed ? shadow.meters.shadowAgreed : shadow.meters.shadowDisagreed).increment();
                if (log.sampled()) {
                    log.offer(new ShadowRecord(mirror.requestId(), mirror.deployment(), shadow.version.uri(),
                            mirror.primary().version.uri(), agreed, elapsed, Optional.of(answered.outputs()), ""));
                }
            }
            case MergedCalls.Failed failed -> {
                shadow.record(elapsed, 500);
                shadow.meters.shadowFailed.increment();
                if (log.sampled()) {
                    log.offer(new ShadowRecord(mirror.requestId(), mirror.deployment(), shadow.version.uri(),
                            mirror.primary().version.uri(), false, elapsed, Optional.empty(),
                            String.valueOf(failed.error().getMessage())));
                }
            }
        }
    }

    /** Runs what is queued, then stops; mirrors that arrive too late are released unrun. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(worker);
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Mirror late = queue.poll(); late != null; late = queue.poll()) {
            queued.decrementAndGet();
            late.done().run();
        }
    }
}
