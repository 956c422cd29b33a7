package dev.sextant.api.security;

import dev.sextant.api.SextantException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The kinds of resource permissions are granted on. Runs belong to their experiment, model
 * versions to their registered model and dataset versions to their dataset: they are governed by
 * their parent's permission.
 */
public enum ResourceKind {
    EXPERIMENT("experiment"), REGISTERED_MODEL("registered-model"), DEPLOYMENT("deployment"), DATASET("dataset");

    private final String wire;

    ResourceKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static ResourceKind parse(String text) {
        for (ResourceKind kind : values()) {
            if (kind.wire.equals(text.trim())) {
                return kind;
            }
        }
        throw SextantException.invalid("Unknown resource kind '" + text + "'. Use one of "
                + Arrays.stream(values()).map(ResourceKind::wire).collect(Collectors.joining(", ")) + ".");
    }
}
