package dev.sextant.store.jdbc;

import dev.sextant.api.SextantException;
import dev.sextant.tracking.search.Comparison;
import dev.sextant.tracking.search.Operand;
import dev.sextant.tracking.search.Operator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** SQL conditions for one comparison, with the operand bound as parameters. */
final class Predicates {
    static final Set<Operator> NUMERIC = EnumSet.of(Operator.EQ, Operator.NE, Operator.GT, Operator.GE,
            Operator.LT, Operator.LE);
    static final Set<Operator> STRING = EnumSet.of(Operator.EQ, Operator.NE, Operator.LIKE, Operator.ILIKE,
            Operator.IN, Operator.NOT_IN);
    static final Set<Operator> IDENTITY = EnumSet.of(Operator.EQ, Operator.NE, Operator.IN, Operator.NOT_IN);
    static final Set<Operator> STRING_NO_LISTS = EnumSet.of(Operator.EQ, Operator.NE, Operator.LIKE, Operator.ILIKE);

    private Predicates() {
    }

    /** {@code column op value}; for BIGINT columns integral operands bind as BIGINT. */
    static String numeric(Sql sql, String column, boolean bigintColumn, Comparison c) {
        requireOperator(c, NUMERIC);
        double value = switch (c.operand()) {
            case Operand.Number n -> n.value();
            case Operand.Text t -> parseNumber(c, t.value());
            case Operand.TextList l -> throw SextantException.invalid("Expected a numeric value for '" + c.key()
                    + "', found a list " + l.values() + ".");
        };
        boolean integral = bigintColumn && value == Math.rint(value) && Math.abs(value) < 0x1p62;
        Object bound = integral ? Long.valueOf((long) value) : Double.valueOf(value);
        return column + " " + c.operator().symbol().replace("!=", "<>") + " " + sql.param(bound);
    }

    /**
     * {@code column op value} for a text column. When {@code hashColumn} is not empty, equality
     * also tests the stored {@link ValueHash}, so that the database can use its (key, hash) index.
     */
    static String text(Sql sql, String column, String hashColumn, Comparison c, Set<Operator> allowed) {
        requireOperator(c, allowed);
        return switch (c.operator()) {
            case EQ -> hashed(sql, hashColumn, " = ", List.of(text(c)))
                    + column + " = " + sql.param(text(c));
            case NE -> column + " <> " + sql.param(text(c));
            case LIKE -> column + " LIKE " + sql.param(text(c));
            case ILIKE -> column + " ILIKE " + sql.param(text(c));
            case IN -> list(c).isEmpty() ? "1 = 0"
                    : hashed(sql, hashColumn, " IN ", list(c)) + column + " IN (" + sql.params(list(c)) + ")";
            case NOT_IN -> list(c).isEmpty() ? "1 = 1" : column + " NOT IN (" + sql.params(list(c)) + ")";
            default -> throw new IllegalStateException("unreachable: " + c.operator());
        };
    }

    /**
     * {@code hashColumn = hash} (or {@code IN} the hashes) for an equality or IN comparison: true
     * for every matching value, and for the rare other value with an equal {@link ValueHash}.
     */
    static String hashes(Sql sql, String hashColumn, Comparison c) {
        List<String> values = c.operator() == Operator.EQ ? List.of(text(c)) : list(c);
        if (values.isEmpty()) {
            return "1 = 0";
        }
        String condition = hashed(sql, hashColumn, c.operator() == Operator.EQ ? " = " : " IN ", values);
        return condition.substring(0, condition.length() - " AND ".length());
    }

    static void requireOperator(Comparison c, Set<Operator> allowed) {
        if (!allowed.contains(c.operator())) {
            throw SextantException.invalid("Invalid comparator '" + c.operator().symbol() + "' for '" + c.key()
                    + "'. Use one of: " + allowed.stream().map(Operator::symbol).collect(Collectors.joining(", ")) + ".");
        }
    }

    private static String hashed(Sql sql, String hashColumn, String operator, List<String> values) {
        if (hashColumn.isEmpty()) {
            return "";
        }
        List<Long> hashes = values.stream().map(ValueHash::of).distinct().toList();
        return hashColumn + operator + (hashes.size() == 1 && operator.equals(" = ") ? sql.param(hashes.get(0))
                : "(" + sql.params(hashes) + ")") + " AND ";
    }

    private static String text(Comparison c) {
        return switch (c.operand()) {
            case Operand.Text t -> t.value();
            default -> throw SextantException.invalid("Expected a quoted string value for '" + c.key()
                    + "' with operator '" + c.operator().symbol() + "'.");
        };
    }

    private static List<String> list(Comparison c) {
        return switch (c.operand()) {
            case Operand.TextList l -> l.values();
            case Operand.Text t -> List.of(t.value());
            case Operand.Number n -> throw SextantException.invalid("Expected a list of quoted strings for '" + c.key()
                    + "' with operator '" + c.operator().symbol() + "'.");
        };
    }

    private static double parseNumber(Comparison c, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw SextantException.invalid("Expected a numeric value for '" + c.key() + "', found '" + text + "'.");
        }
    }
}
