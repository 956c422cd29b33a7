package dev.sextant.store.jdbc;

import dev.sextant.tracking.Metric;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Points of one series as packed (step, timestamp, raw value bits) triples in one growable
 * {@code long[]}: no object per point on the write path. Its packed form ({@link #encode}) is the
 * chunk format of {@link Points}: big-endian triples, exact for NaN, infinities and -0.0.
 */
final class PointBuffer {
    static final int BYTES_PER_POINT = 3 * Long.BYTES;

    private long[] data;
    private int size;

    PointBuffer(int capacity) {
        this.data = new long[3 * Math.max(capacity, 1)];
    }

    static PointBuffer decode(byte[] packed) {
        int points = packed.length / BYTES_PER_POINT;
        PointBuffer buffer = new PointBuffer(points);
        ByteBuffer.wrap(packed).asLongBuffer().get(buffer.data, 0, 3 * points);
        buffer.size = points;
        return buffer;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long step(int i) {
        return data[3 * i];
    }

    long timestamp(int i) {
        return data[3 * i + 1];
    }

    long bits(int i) {
        return data[3 * i + 2];
    }

    Metric metric(String key, int i) {
        return new Metric(key, Double.longBitsToDouble(bits(i)), timestamp(i), step(i));
    }

    void add(long step, long timestamp, long bits) {
        if (3 * size == data.length) {
            data = Arrays.copyOf(data, Math.max(6, 2 * data.length));
        }
        int at = 3 * size++;
        data[at] = step;
        data[at + 1] = timestamp;
        data[at + 2] = bits;
    }

    void add(PointBuffer from, int i) {
        add(from.step(i), from.timestamp(i), from.bits(i));
    }

    void clear() {
        size = 0;
    }

    /** Points {@code [from, to)} in the packed chunk format. */
    byte[] encode(int from, int to) {
        byte[] packed = new byte[(to - from) * BYTES_PER_POINT];
        ByteBuffer.wrap(packed).asLongBuffer().put(data, 3 * from, 3 * (to - from));
        return packed;
    }

    /** History order between point {@code i} of this buffer and point {@code j} of {@code other}. */
    int compare(int i, PointBuffer other, int j) {
        return Points.compare(step(i), timestamp(i), bits(i), other.step(j), other.timestamp(j), other.bits(j));
    }

    int compare(int i, Metric m) {
        return Points.compare(step(i), timestamp(i), bits(i), m.step(), m.timestamp(),
                Double.doubleToRawLongBits(m.value()));
    }

    /**
     * Sorts into history order; stable, and linear when the points are already sorted or made of
     * a few sorted runs (the usual shape of what clients log).
     */
    void sort() {
        if (size < 2 || isSorted()) {
            return;
        }
        long[] scratch = Arrays.copyOf(data, 3 * size);
        mergeSort(scratch, data, 0, size);
    }

    boolean isSorted() {
        for (int i = 1; i < size; i++) {
            if (compareAt(data, i - 1, data, i) > 0) {
                return false;
            }
        }
        return true;
    }

    // Sorts src[from, to) into dst[from, to); both hold the same points on entry.
    private static void mergeSort(long[] src, long[] dst, int from, int to) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(dst, src, from, mid);
        mergeSort(dst, src, mid, to);
        if (compareAt(src, mid - 1, src, mid) <= 0) {
            System.arraycopy(src, 3 * from, dst, 3 * from, 3 * (to - from));
            return;
        }
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            int take = j >= to || (i < mid && compareAt(src, i, src, j) <= 0) ? i++ : j++;
            System.arraycopy(src, 3 * take, dst, 3 * k, 3);
        }
    }

    private static int compareAt(long[] a, int i, long[] b, int j) {
        return Points.compare(a[3 * i], a[3 * i + 1], a[3 * i + 2], b[3 * j], b[3 * j + 1], b[3 * j + 2]);
    }
}
