package dev.sextant.release.policy;

import java.util.OptionalDouble;

/** Lower and upper bounds as text and as a test. */
public final class Bounds {

    private Bounds() {
    }

    /** {@code >= 0.8}, {@code <= 2.5} or {@code in [0.8, 0.95]}. */
    public static String text(OptionalDouble min, OptionalDouble max) {
        if (min.isPresent() && max.isPresent()) {
            return "in [" + min.getAsDouble() + ", " + max.getAsDouble() + "]";
        }
        return min.isPresent() ? ">= " + min.getAsDouble() : "<= " + max.orElseThrow();
    }

    public static boolean within(double value, OptionalDouble min, OptionalDouble max) {
        return !Double.isNaN(value) && (min.isEmpty() || value >= min.getAsDouble())
                && (max.isEmpty() || value <= max.getAsDouble());
    }
}
