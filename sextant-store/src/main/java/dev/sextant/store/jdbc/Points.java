package dev.sextant.store.jdbc;

import dev.sextant.tracking.Metric;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * History order and the packed form of a chunk. The order (step, timestamp, value) is the one in
 * which {@link Metric#supersedes} picks a winner, so a series' latest value is its last point.
 */
final class Points {
    static final Comparator<Metric> ORDER = Comparator.comparingLong(Metric::step)
            .thenComparingLong(Metric::timestamp)
            .thenComparing(Metric::value, Double::compare);
    private static final int BYTES = 3 * Long.BYTES;

    private Points() {
    }

    /** Big-endian (step, timestamp, raw double bits) triples; exact for NaN, infinities and -0.0. */
    static byte[] encode(List<Metric> points) {
        ByteBuffer buffer = ByteBuffer.allocate(points.size() * BYTES);
        for (Metric m : points) {
            buffer.putLong(m.step()).putLong(m.timestamp()).putLong(Double.doubleToRawLongBits(m.value()));
        }
        return buffer.array();
    }

    static List<Metric> decode(String key, byte[] packed) {
        ByteBuffer buffer = ByteBuffer.wrap(packed);
        List<Metric> points = new ArrayList<>(packed.length / BYTES);
        while (buffer.remaining() >= BYTES) {
            long step = buffer.getLong();
            long timestamp = buffer.getLong();
            points.add(new Metric(key, Double.longBitsToDouble(buffer.getLong()), timestamp, step));
        }
        return points;
    }

    /** Merges two lists that are each in history order. */
    static List<Metric> merge(List<Metric> a, List<Metric> b) {
        List<Metric> merged = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            boolean takeA = j == b.size() || (i < a.size() && ORDER.compare(a.get(i), b.get(j)) <= 0);
            merged.add(takeA ? a.get(i++) : b.get(j++));
        }
        return merged;
    }

    static Metric max(Metric a, Metric b) {
        return ORDER.compare(a, b) >= 0 ? a : b;
    }
}
