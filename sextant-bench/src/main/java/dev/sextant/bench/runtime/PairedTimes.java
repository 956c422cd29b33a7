package dev.sextant.bench.runtime;

import java.util.Arrays;

/** Per-call nanoseconds of both paths from {@link OneRowPrediction#paired}, for the in-process runner. */
final class PairedTimes {
    private static final int CAPACITY = 4 * 1024 * 1024;
    private static final long[] SEXTANT = new long[CAPACITY];
    private static final long[] BARE = new long[CAPACITY];
    private static int count;

    private PairedTimes() {
    }

    static void record(boolean measuring, long sextantNanos, long bareNanos) {
        if (measuring && count < CAPACITY) {
            SEXTANT[count] = sextantNanos;
            BARE[count] = bareNanos;
            count++;
        }
    }

    static void reset() {
        count = 0;
    }

    static int count() {
        return count;
    }

    /** The {@code p}-th percentile (0–100) of one path, in microseconds. */
    static double percentileMicros(boolean sextant, double p) {
        long[] sorted = Arrays.copyOf(sextant ? SEXTANT : BARE, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1));
        return sorted[index] / 1000.0;
    }
}
