package dev.sextant.data.table;

import java.util.Arrays;
import java.util.BitSet;

/** Numbers as doubles; {@code integral} remembers that the source type was an integer type. */
public final class NumericColumn implements Column {
    private final String name;
    private final double[] values;
    private final Nulls nulls;
    private final boolean integral;

    public NumericColumn(String name, double[] values, BitSet nulls, boolean integral) {
        this.name = name;
        this.values = values.clone();
        this.nulls = new Nulls(nulls);
        this.integral = integral;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.NUMERIC;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isNull(int row) {
        return nulls.at(row);
    }

    /** The value, or NaN when missing. */
    public double value(int row) {
        return isNull(row) ? Double.NaN : values[row];
    }

    public boolean integral() {
        return integral;
    }

    @Override
    public String text(int row) {
        if (isNull(row)) {
            return "";
        }
        return integral ? Long.toString((long) values[row]) : Double.toString(values[row]);
    }

    @Override
    public String toString() {
        return "NumericColumn[" + name + ", " + Arrays.toString(Arrays.copyOf(values, Math.min(5, values.length))) + "…]";
    }
}
