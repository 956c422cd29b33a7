package dev.sextant.registry;

import dev.sextant.api.SextantException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** MLflow's model version stages; the wire names are capitalised ("None", "Staging", …). */
public enum Stage {
    NONE("None"), STAGING("Staging"), PRODUCTION("Production"), ARCHIVED("Archived");

    /** Stages a version serves from: a version in one of them is in use and cannot be deleted. */
    public static final List<Stage> ACTIVE = List.of(STAGING, PRODUCTION);

    private final String wireName;

    Stage(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean active() {
        return ACTIVE.contains(this);
    }

    /** A stage by name, case-insensitive as MLflow's {@code get_canonical_stage}. */
    public static Stage parse(String text) {
        for (Stage stage : values()) {
            if (stage.wireName.equalsIgnoreCase(text.trim())) {
                return stage;
            }
        }
        throw SextantException.invalid("Invalid Model Version stage: " + text + ". Value must be one of "
                + Arrays.stream(values()).map(Stage::wireName).collect(Collectors.joining(", ")) + ".");
    }

    /** The stored form is the wire name; anything else is a corrupt row. */
    public static Stage ofStored(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
