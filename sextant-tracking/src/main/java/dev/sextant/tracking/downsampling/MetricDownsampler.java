package dev.sextant.tracking.downsampling;

import dev.sextant.api.SextantException;
import dev.sextant.tracking.Metric;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reduces a metric history streamed in history order to at most {@code maxPoints} points in one
 * pass and bounded memory, keeping what a line chart shows: the first, lowest, highest and last
 * point of each bucket of consecutive points (the M4 aggregation). Spikes survive, unlike with
 * averaging or striding.
 *
 * <p>The length of the history is not known up front, so buckets start one point wide and, when
 * they run out, neighbours are merged pairwise and the width doubles; merging M4 buckets is exact.
 * A history of at most {@code maxPoints} points comes back whole. Non-finite values (NaN,
 * infinities) can be first or last of a bucket but never its lowest or highest.
 */
public final class MetricDownsampler implements Consumer<Metric> {
    public static final int MIN_POINTS = 10;
    public static final int MAX_POINTS = 100_000;
    private static final int FIRST = 0;
    private static final int LOW = 1;
    private static final int HIGH = 2;
    private static final int LAST = 3;
    private static final int SLOTS = 4;

    private final String key;
    private final int maxPoints;
    private final int capacity;
    // Until the history outgrows maxPoints, points are kept as they are.
    private final long[] rawSteps;
    private final long[] rawTimes;
    private final double[] rawValues;
    // Then bucket b's slot s lives at b * SLOTS + s.
    private long[] index;
    private long[] steps;
    private long[] times;
    private double[] values;
    private long width = 1;
    private int buckets;
    private long seen;

    public MetricDownsampler(String key, int maxPoints) {
        if (maxPoints < MIN_POINTS || maxPoints > MAX_POINTS) {
            throw SextantException.invalid("max_points must be between " + MIN_POINTS + " and " + MAX_POINTS
                    + ", got " + maxPoints + ". About twice the chart's width in pixels is plenty.");
        }
        this.key = key;
        this.maxPoints = maxPoints;
        this.capacity = (maxPoints / SLOTS) & ~1; // even, so that a pairwise merge leaves whole pairs
        this.rawSteps = new long[maxPoints];
        this.rawTimes = new long[maxPoints];
        this.rawValues = new double[maxPoints];
    }

    @Override
    public void accept(Metric metric) {
        add(metric.step(), metric.timestamp(), metric.value());
    }

    public void add(long step, long timestamp, double value) {
        if (seen < maxPoints) {
            int i = (int) seen;
            rawSteps[i] = step;
            rawTimes[i] = timestamp;
            rawValues[i] = value;
            seen++;
            return;
        }
        if (index == null) {
            startBuckets();
        }
        bucket(seen++, step, timestamp, value);
    }

    public DownsampledSeries result() {
        if (index == null) {
            int n = (int) seen;
            return new DownsampledSeries(key, seen, false, Arrays.copyOf(rawSteps, n), Arrays.copyOf(rawTimes, n),
                    Arrays.copyOf(rawValues, n));
        }
        long[] outSteps = new long[buckets * SLOTS];
        long[] outTimes = new long[outSteps.length];
        double[] outValues = new double[outSteps.length];
        int n = 0;
        int[] order = new int[SLOTS];
        for (int b = 0; b < buckets; b++) {
            int distinct = distinctSlotsInOrder(b, order);
            for (int k = 0; k < distinct; k++) {
                int at = b * SLOTS + order[k];
                outSteps[n] = steps[at];
                outTimes[n] = times[at];
                outValues[n] = values[at];
                n++;
            }
        }
        return new DownsampledSeries(key, seen, true, Arrays.copyOf(outSteps, n), Arrays.copyOf(outTimes, n),
                Arrays.copyOf(outValues, n));
    }

    private void startBuckets() {
        index = new long[capacity * SLOTS];
        steps = new long[capacity * SLOTS];
        times = new long[capacity * SLOTS];
        values = new double[capacity * SLOTS];
        while ((maxPoints + width - 1) / width > capacity) {
            width *= 2;
        }
        for (int i = 0; i < maxPoints; i++) {
            bucket(i, rawSteps[i], rawTimes[i], rawValues[i]);
        }
    }

    private void bucket(long position, long step, long timestamp, double value) {
        long b = position / width;
        if (b >= capacity) {
            mergePairs();
            b = position / width;
        }
        int bucket = (int) b;
        if (bucket == buckets) {
            buckets++;
            for (int s = 0; s < SLOTS; s++) {
                set(bucket * SLOTS + s, position, step, timestamp, value);
            }
            return;
        }
        int base = bucket * SLOTS;
        set(base + LAST, position, step, timestamp, value);
        if (Double.isFinite(value)) {
            if (!Double.isFinite(values[base + LOW]) || value < values[base + LOW]) {
                set(base + LOW, position, step, timestamp, value);
            }
            if (!Double.isFinite(values[base + HIGH]) || value > values[base + HIGH]) {
                set(base + HIGH, position, step, timestamp, value);
            }
        }
    }

    private void mergePairs() {
        int merged = 0;
        for (int left = 0; left < buckets; left += 2) {
            int right = left + 1;
            int to = merged * SLOTS;
            copy(left * SLOTS + FIRST, to + FIRST);
            if (right < buckets) {
                copy(right * SLOTS + LAST, to + LAST);
                copy(extreme(left * SLOTS + LOW, right * SLOTS + LOW, true), to + LOW);
                copy(extreme(left * SLOTS + HIGH, right * SLOTS + HIGH, false), to + HIGH);
            } else {
                copy(left * SLOTS + LAST, to + LAST);
                copy(left * SLOTS + LOW, to + LOW);
                copy(left * SLOTS + HIGH, to + HIGH);
            }
            merged++;
        }
        buckets = merged;
        width *= 2;
    }

    /** The slot holding the lower (or higher) finite value; a bucket without finite values loses. */
    private int extreme(int a, int b, boolean lowest) {
        if (!Double.isFinite(values[b])) {
            return a;
        }
        if (!Double.isFinite(values[a])) {
            return b;
        }
        return (lowest ? values[b] < values[a] : values[b] > values[a]) ? b : a;
    }

    /** Fills {@code order} with the bucket's slots sorted by position, duplicates dropped; returns how many. */
    private int distinctSlotsInOrder(int bucket, int[] order) {
        int count = 0;
        for (int s = 0; s < SLOTS; s++) {
            long position = index[bucket * SLOTS + s];
            boolean duplicate = false;
            for (int k = 0; k < count; k++) {
                duplicate |= index[bucket * SLOTS + order[k]] == position;
            }
            if (!duplicate) {
                int k = count++;
                while (k > 0 && index[bucket * SLOTS + order[k - 1]] > position) {
                    order[k] = order[k - 1];
                    k--;
                }
                order[k] = s;
            }
        }
        return count;
    }

    private void set(int at, long position, long step, long timestamp, double value) {
        index[at] = position;
        steps[at] = step;
        times[at] = timestamp;
        values[at] = value;
    }

    private void copy(int from, int to) {
        set(to, index[from], steps[from], times[from], values[from]);
    }
}
