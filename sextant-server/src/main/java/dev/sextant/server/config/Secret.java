package dev.sextant.server.config;

import java.util.Objects;

/**
 * A configuration value that must never reach a log line: {@link #toString()} masks it and only
 * {@link #reveal()} hands out the text, so printing a config cannot leak it by accident.
 */
public final class Secret {
    private static final Secret EMPTY = new Secret("");

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value.isEmpty() ? EMPTY : new Secret(value);
    }

    public static Secret empty() {
        return EMPTY;
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** "****" when set, "" when not, so a report shows whether a secret is configured. */
    @Override
    public String toString() {
        return value.isEmpty() ? "" : "****";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }
}
