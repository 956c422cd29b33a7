package dev.sextant.data.table;

import java.util.Optional;

/** Text (categorical) values. */
public final class StringColumn implements Column {
    private final String name;
    private final String[] values;

    /** {@code values} holds null where a value is missing. */
    public StringColumn(String name, String[] values) {
        this.name = name;
        this.values = values.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.STRING;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isNull(int row) {
        return values[row] == null;
    }

    public Optional<String> value(int row) {
        return Optional.ofNullable(values[row]);
    }

    @Override
    public String text(int row) {
        return isNull(row) ? "" : values[row];
    }
}
