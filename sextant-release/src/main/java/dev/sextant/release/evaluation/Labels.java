package dev.sextant.release.evaluation;

import dev.sextant.data.table.Column;
import dev.sextant.data.table.NumericColumn;

/** Class labels as text, the same way for the data's truth and the model's predictions. */
final class Labels {

    private Labels() {
    }

    /** Whole numbers without a fraction ({@code 1}, not {@code 1.0}), as integer labels print. */
    static String of(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    static String of(Column column, int row) {
        return column instanceof NumericColumn numbers ? of(numbers.value(row)) : column.text(row);
    }
}
