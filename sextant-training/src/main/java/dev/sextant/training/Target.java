package dev.sextant.training;

import dev.sextant.api.SextantException;
import dev.sextant.data.table.Column;
import dev.sextant.data.table.ColumnType;
import dev.sextant.data.table.NumericColumn;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/** The column to predict: which task it calls for, and its values on given rows. */
record Target(Column column, Task task, String taskReason) {
    /** A whole-number target with at most this many distinct values is taken as classes. */
    static final int MAX_INFERRED_CLASSES = 10;
    static final int MAX_CLASSES = 100;

    static Target of(Column column, String requestedTask) {
        checkType(column.name(), column.type(), requestedTask);
        if (!requestedTask.isBlank()) {
            return new Target(column, Task.parse(requestedTask), "as requested");
        }
        return switch (column) {
            case NumericColumn numbers -> inferNumeric(numbers);
            default -> new Target(column, Task.CLASSIFICATION, "inferred: '" + column.name() + "' holds "
                    + column.type().name().toLowerCase(java.util.Locale.ROOT) + " values");
        };
    }

    /** Refuses a column no task can predict, and a requested task the column's type cannot serve. */
    static void checkType(String name, ColumnType type, String requestedTask) {
        if (type == ColumnType.DATE || type == ColumnType.TIMESTAMP) {
            throw SextantException.invalid("Cannot predict '" + name + "': it holds "
                    + type.name().toLowerCase(java.util.Locale.ROOT) + "s. Choose a numeric, text or boolean column.");
        }
        if (!requestedTask.isBlank() && Task.parse(requestedTask) == Task.REGRESSION && type != ColumnType.NUMERIC) {
            throw SextantException.invalid("Regression needs a numeric target, and '" + name + "' holds "
                    + type.name().toLowerCase(java.util.Locale.ROOT) + " values; use --task classification.");
        }
    }

    /** The task a target of this type leads to before its values are seen: text and booleans are classes. */
    static java.util.Optional<Task> taskBeforeValues(ColumnType type, String requestedTask) {
        if (!requestedTask.isBlank()) {
            return java.util.Optional.of(Task.parse(requestedTask));
        }
        return type == ColumnType.NUMERIC ? java.util.Optional.empty() : java.util.Optional.of(Task.CLASSIFICATION);
    }

    private static Target inferNumeric(NumericColumn column) {
        Set<Double> distinct = new HashSet<>();
        boolean whole = true;
        for (int row = 0; row < column.size(); row++) {
            if (!column.isNull(row)) {
                double value = column.value(row);
                distinct.add(value);
                whole &= value == Math.rint(value);
            }
        }
        if (whole && distinct.size() <= MAX_INFERRED_CLASSES) {
            return new Target(column, Task.CLASSIFICATION, "inferred: '" + column.name() + "' holds " + distinct.size()
                    + " distinct whole numbers");
        }
        return new Target(column, Task.REGRESSION, "inferred: '" + column.name() + "' holds numbers with "
                + distinct.size() + " distinct values");
    }

    /** Rows where the target is present. */
    int[] usableRows() {
        return IntStream.range(0, column.size()).filter(row -> !column.isNull(row)).toArray();
    }

    List<String> labels(int[] rows) {
        return IntStream.of(rows).mapToObj(this::label).toList();
    }

    private String label(int row) {
        if (column instanceof NumericColumn numbers && numbers.value(row) == Math.rint(numbers.value(row))) {
            return Long.toString((long) numbers.value(row));
        }
        return column.text(row);
    }

    double[] values(int[] rows) {
        NumericColumn numbers = (NumericColumn) column;
        return IntStream.of(rows).mapToDouble(numbers::value).toArray();
    }

    void requireClasses(List<String> trainingLabels) {
        long classes = trainingLabels.stream().distinct().count();
        if (classes < 2) {
            throw SextantException.invalid("The training split has only one value of '" + column.name()
                    + "'; classification needs at least two classes.");
        }
        if (classes > MAX_CLASSES) {
            throw SextantException.invalid("'" + column.name() + "' has " + classes + " distinct values, more than "
                    + MAX_CLASSES + " classes; use --task regression for a numeric target.");
        }
    }
}
