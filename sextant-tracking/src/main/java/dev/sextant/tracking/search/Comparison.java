package dev.sextant.tracking.search;

/**
 * One clause of a filter, e.g. {@code metrics.acc > 0.9}. Attribute keys are canonical
 * (snake_case, e.g. {@code start_time}, {@code run_name}, {@code status}).
 */
public record Comparison(Entity entity, String key, Operator operator, Operand operand) {
}
