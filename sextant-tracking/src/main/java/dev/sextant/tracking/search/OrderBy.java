package dev.sextant.tracking.search;

/** One order-by clause, e.g. {@code metrics.acc DESC}. */
public record OrderBy(Entity entity, String key, boolean ascending) {
}
