package dev.sextant.serving.endpoint;

import dev.sextant.serving.inferencelog.InferenceLog;
import dev.sextant.serving.inferencelog.ShadowRecord;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.InferenceOutputs;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs mirrored requests on their own threads after the primary has answered, at most
 * {@value #MAX_IN_FLIGHT} at once: beyond that a mirror is skipped (and counted) rather than
 * queued, so shadow traffic never holds up the primary or piles up.
 */
final class ShadowRunner implements AutoCloseable {
    static final int MAX_IN_FLIGHT = 64;

    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("shadow-", 0).factory());
    private final Semaphore permits = new Semaphore(MAX_IN_FLIGHT);
    private final InferenceLog log;

    ShadowRunner(InferenceLog log) {
        this.log = log;
    }

    /** False when the mirror was skipped; {@code done} runs after a submitted mirror finishes. */
    boolean submit(String requestId, String deployment, LiveModel primary, LiveModel shadow, InferenceInputs inputs,
                   InferenceOutputs primaryOutputs, Runnable done) {
        if (!permits.tryAcquire()) {
            shadow.meters.shadowSkipped.increment();
            return false;
        }
        try {
            executor.execute(() -> {
                try {
                    run(requestId, deployment, primary, shadow, inputs, primaryOutputs);
                } finally {
                    permits.release();
                    done.run();
                }
            });
            return true;
        } catch (RuntimeException e) {
            permits.release();
            shadow.meters.shadowSkipped.increment();
            return false;
        }
    }

    private void run(String requestId, String deployment, LiveModel primary, LiveModel shadow, InferenceInputs inputs,
                     InferenceOutputs primaryOutputs) {
        long start = System.nanoTime();
        try {
            InferenceOutputs outputs = shadow.predict(inputs);
            long elapsed = System.nanoTime() - start;
            shadow.record(elapsed, 200);
            boolean agreed = Agreement.agree(primaryOutputs, outputs);
            (agreed ? shadow.meters.shadowAgreed : shadow.meters.shadowDisagreed).increment();
            if (log.sampled()) {
                log.offer(new ShadowRecord(requestId, deployment, shadow.version.uri(), primary.version.uri(), agreed,
                        elapsed, Optional.of(outputs), ""));
            }
        } catch (RuntimeException e) {
            long elapsed = System.nanoTime() - start;
            shadow.record(elapsed, 500);
            shadow.meters.shadowFailed.increment();
            if (log.sampled()) {
                log.offer(new ShadowRecord(requestId, deployment, shadow.version.uri(), primary.version.uri(), false,
                        elapsed, Optional.empty(), String.valueOf(e.getMessage())));
            }
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
