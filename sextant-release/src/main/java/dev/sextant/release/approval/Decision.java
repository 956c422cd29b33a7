package dev.sextant.release.approval;

import dev.sextant.api.SextantException;
import java.util.Locale;

/** What a reviewer decided. */
public enum Decision {
    APPROVED, REJECTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code approve}/{@code approved} or {@code reject}/{@code rejected}. */
    public static Decision parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "approve", "approved" -> APPROVED;
            case "reject", "rejected" -> REJECTED;
            default -> throw SextantException.invalid("Unknown decision '" + text + "'. Use approve or reject.");
        };
    }
}
