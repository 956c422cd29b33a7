package dev.sextant.data.table;

import java.util.Optional;

/** A column whose values are objects, null where a value is missing. */
public abstract sealed class ObjectColumn<T> implements Column permits StringColumn, TimestampColumn {
    private final String name;
    private final ColumnType type;
    private final T[] values;

    ObjectColumn(String name, ColumnType type, T[] values) {
        this.name = name;
        this.type = type;
        this.values = values.clone();
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final ColumnType type() {
        return type;
    }

    @Override
    public final int size() {
        return values.length;
    }

    @Override
    public final boolean isNull(int row) {
        return values[row] == null;
    }

    public final Optional<T> value(int row) {
        return Optional.ofNullable(values[row]);
    }

    @Override
    public final String text(int row) {
        return isNull(row) ? "" : values[row].toString();
    }
}
