package dev.sextant.data.table;

import java.time.LocalDateTime;
import java.util.Optional;

/** Date-times without a zone (zoned sources are read in UTC). */
public final class TimestampColumn implements Column {
    private final String name;
    private final LocalDateTime[] values;

    /** {@code values} holds null where a value is missing. */
    public TimestampColumn(String name, LocalDateTime[] values) {
        this.name = name;
        this.values = values.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.TIMESTAMP;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isNull(int row) {
        return values[row] == null;
    }

    public Optional<LocalDateTime> value(int row) {
        return Optional.ofNullable(values[row]);
    }

    @Override
    public String text(int row) {
        return isNull(row) ? "" : values[row].toString();
    }
}
