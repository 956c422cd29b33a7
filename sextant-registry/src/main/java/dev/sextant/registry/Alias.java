package dev.sextant.registry;

/** A named pointer to one version of a registered model, e.g. {@code champion → 3}. */
public record Alias(String alias, long version) {
}
