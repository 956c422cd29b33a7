package dev.sextant.data.table;

import java.time.LocalDateTime;

/** Date-times without a zone (zoned sources are read in UTC). */
public final class TimestampColumn extends ObjectColumn<LocalDateTime> {

    /** {@code values} holds null where a value is missing. */
    public TimestampColumn(String name, LocalDateTime[] values) {
        super(name, ColumnType.TIMESTAMP, values);
    }
}
