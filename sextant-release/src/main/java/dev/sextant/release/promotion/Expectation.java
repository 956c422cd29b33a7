package dev.sextant.release.promotion;

import dev.sextant.api.SextantException;
import java.util.OptionalLong;

/**
 * What a caller believes holds the target before promoting, so that a promotion decided on stale
 * information is refused instead of silently replacing a version the caller never saw.
 */
public sealed interface Expectation {

    /** Whatever holds it now. */
    record Current() implements Expectation {
    }

    /** Exactly this version, or nobody when empty. */
    record Holder(OptionalLong version) implements Expectation {
    }

    /** {@code ""} (any), {@code none}, or a version number. */
    static Expectation parse(String text) {
        String value = text.strip();
        if (value.isEmpty()) {
            return new Current();
        }
        if (value.equalsIgnoreCase("none")) {
            return new Holder(OptionalLong.empty());
        }
        try {
            long version = Long.parseLong(value);
            if (version < 1) {
                throw new NumberFormatException();
            }
            return new Holder(OptionalLong.of(version));
        } catch (NumberFormatException e) {
            throw SextantException.invalid("'replaces' must be the version expected to hold the target now, or 'none'; got '"
                    + text + "'.");
        }
    }
}
