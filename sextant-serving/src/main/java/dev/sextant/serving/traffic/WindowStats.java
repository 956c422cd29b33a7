package dev.sextant.serving.traffic;

import java.util.Arrays;

/**
 * Requests, errors and recent latencies of one slot since the window was last reset, for canary
 * analysis. Latencies are kept in a bounded ring (the most recent {@value #SAMPLES}), so the p99
 * describes the latest traffic of the step.
 */
public final class WindowStats {
    static final int SAMPLES = 4096;

    private final long[] latencies = new long[SAMPLES];
    private long requests;
    private long errors;
    private int next;
    private int filled;

    public synchronized void record(long latencyNanos, boolean error) {
        requests++;
        if (error) {
            errors++;
        }
        latencies[next] = latencyNanos;
        next = (next + 1) % SAMPLES;
        filled = Math.min(filled + 1, SAMPLES);
    }

    public synchronized Snapshot snapshotAndReset(boolean reset) {
        long[] sorted = Arrays.copyOf(latencies, filled);
        Arrays.sort(sorted);
        long p99 = sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)];
        Snapshot snapshot = new Snapshot(requests, errors, p99);
        if (reset) {
            requests = 0;
            errors = 0;
            next = 0;
            filled = 0;
        }
        return snapshot;
    }

    public Snapshot snapshot() {
        return snapshotAndReset(false);
    }

    /** Counts and p99 (nanoseconds) of a window. */
    public record Snapshot(long requests, long errors, long p99Nanos) {
        public double errorRate() {
            return requests == 0 ? 0 : (double) errors / requests;
        }
    }
}
