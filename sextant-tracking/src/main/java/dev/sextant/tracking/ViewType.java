package dev.sextant.tracking;

import dev.sextant.api.SextantException;
import java.util.Locale;

/** Which lifecycle stages a search returns (MLflow's ViewType). */
public enum ViewType {
    ACTIVE_ONLY(1), DELETED_ONLY(2), ALL(3);

    private final int number;

    ViewType(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public boolean includes(LifecycleStage stage) {
        return this == ALL || (this == ACTIVE_ONLY) == (stage == LifecycleStage.ACTIVE);
    }

    /** Accepts the enum name or its proto number, as MLflow clients send either. */
    public static ViewType parse(String text) {
        for (ViewType type : values()) {
            if (type.name().equals(text.toUpperCase(Locale.ROOT)) || String.valueOf(type.number).equals(text)) {
                return type;
            }
        }
        throw SextantException.invalid("Invalid value '" + text
                + "' for parameter 'view_type' supplied. Use ACTIVE_ONLY, DELETED_ONLY or ALL.");
    }
}
