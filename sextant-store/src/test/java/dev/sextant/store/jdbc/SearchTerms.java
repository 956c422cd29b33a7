package dev.sextant.store.jdbc;

import dev.sextant.tracking.search.Comparison;
import dev.sextant.tracking.search.Entity;
import dev.sextant.tracking.search.Operand;
import dev.sextant.tracking.search.Operator;
import dev.sextant.tracking.search.OrderBy;
import java.util.List;

/** Short spellings of filter clauses for the search contracts. */
final class SearchTerms {
    private SearchTerms() {
    }

    static Comparison onMetric(String key, Operator op, double value) {
        return new Comparison(Entity.METRIC, key, op, new Operand.Number(value));
    }

    static Comparison onParam(String key, Operator op, String... values) {
        return new Comparison(Entity.PARAM, key, op, operand(op, values));
    }

    static Comparison onTag(String key, Operator op, String... values) {
        return new Comparison(Entity.TAG, key, op, operand(op, values));
    }

    static Comparison onAttribute(String key, Operator op, String... values) {
        return new Comparison(Entity.ATTRIBUTE, key, op, operand(op, values));
    }

    static Comparison onAttribute(String key, Operator op, double value) {
        return new Comparison(Entity.ATTRIBUTE, key, op, new Operand.Number(value));
    }

    static Comparison onDataset(String key, Operator op, String... values) {
        return new Comparison(Entity.DATASET, key, op, operand(op, values));
    }

    static OrderBy asc(Entity entity, String key) {
        return new OrderBy(entity, key, true);
    }

    static OrderBy desc(Entity entity, String key) {
        return new OrderBy(entity, key, false);
    }

    private static Operand operand(Operator op, String... values) {
        return op == Operator.IN || op == Operator.NOT_IN ? new Operand.TextList(List.of(values))
                : new Operand.Text(values[0]);
    }
}
