package dev.sextant.store.jdbc;

import dev.sextant.tracking.Metric;
import java.util.Comparator;

/**
 * History order: (step, timestamp, value), the order in which {@link Metric#supersedes} picks a
 * winner, so a series' latest value is its last point. Values compare as {@link Double#compare}
 * does: -0.0 before 0.0, every NaN equal and after +Infinity.
 */
final class Points {
    static final Comparator<Metric> ORDER = Comparator.comparingLong(Metric::step)
            .thenComparingLong(Metric::timestamp)
            .thenComparing(Metric::value, Double::compare);

    private Points() {
    }

    /** {@link #ORDER} on primitives; values are raw IEEE 754 bits. */
    static int compare(long step1, long timestamp1, long bits1, long step2, long timestamp2, long bits2) {
        if (step1 != step2) {
            return step1 < step2 ? -1 : 1;
        }
        if (timestamp1 != timestamp2) {
            return timestamp1 < timestamp2 ? -1 : 1;
        }
        return Long.compare(valueKey(bits1), valueKey(bits2));
    }

    /** A long whose signed order is the order of {@link Double#compare} on the value with these bits. */
    static long valueKey(long bits) {
        if ((bits & 0x7ff0000000000000L) == 0x7ff0000000000000L && (bits & 0x000fffffffffffffL) != 0) {
            return Long.MAX_VALUE; // NaN, whatever its sign and payload
        }
        return bits ^ ((bits >> 63) & 0x7fffffffffffffffL);
    }

    static Metric max(Metric a, Metric b) {
        return ORDER.compare(a, b) >= 0 ? a : b;
    }
}
