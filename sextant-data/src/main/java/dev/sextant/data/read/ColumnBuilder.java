package dev.sextant.data.read;

import dev.sextant.data.table.BooleanColumn;
import dev.sextant.data.table.Column;
import dev.sextant.data.table.ColumnType;
import dev.sextant.data.table.DateColumn;
import dev.sextant.data.table.NumericColumn;
import dev.sextant.data.table.StringColumn;
import dev.sextant.data.table.TimestampColumn;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Collects one result-set column into a typed {@link Column}, by DuckDB's type name. */
abstract sealed class ColumnBuilder {
    private static final Set<String> INTEGER_TYPES = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT");
    private static final Set<String> FLOAT_TYPES = Set.of("FLOAT", "DOUBLE", "REAL");

    final String name;
    final BitSet nulls = new BitSet();

    ColumnBuilder(String name) {
        this.name = name;
    }

    static ColumnBuilder forType(String name, String duckdbType) {
        String type = duckdbType.toUpperCase(Locale.ROOT);
        return switch (typeOf(type)) {
            case NUMERIC -> new Numbers(name, INTEGER_TYPES.contains(type));
            case BOOLEAN -> new Booleans(name);
            case DATE -> new Dates(name);
            case TIMESTAMP -> new Timestamps(name, type.contains("TIME ZONE"));
            case STRING -> new Strings(name);
        };
    }

    /** The kind of column a DuckDB type becomes; anything unrecognised is read as text. */
    static ColumnType typeOf(String duckdbType) {
        String type = duckdbType.toUpperCase(Locale.ROOT);
        if (INTEGER_TYPES.contains(type) || FLOAT_TYPES.contains(type) || type.startsWith("DECIMAL")) {
            return ColumnType.NUMERIC;
        }
        if (type.equals("BOOLEAN")) {
            return ColumnType.BOOLEAN;
        }
        if (type.equals("DATE")) {
            return ColumnType.DATE;
        }
        if (type.startsWith("TIMESTAMP")) {
            return ColumnType.TIMESTAMP;
        }
        return ColumnType.STRING;
    }

    abstract void add(ResultSet rows, int index, int row) throws SQLException;

    abstract Column build(int size);

    static final class Numbers extends ColumnBuilder {
        private final boolean integral;
        private double[] values = new double[1024];

        Numbers(String name, boolean integral) {
            super(name);
            this.integral = integral;
        }

        @Override
        void add(ResultSet rows, int index, int row) throws SQLException {
            double value = rows.getDouble(index);
            if (row == values.length) {
                values = java.util.Arrays.copyOf(values, values.length * 2);
            }
            if (rows.wasNull()) {
                nulls.set(row);
            } else {
                values[row] = value;
            }
        }

        @Override
        Column build(int size) {
            return new NumericColumn(name, java.util.Arrays.copyOf(values, size), nulls, integral);
        }
    }

    static final class Strings extends ColumnBuilder {
        private final List<String> values = new ArrayList<>();

        Strings(String name) {
            super(name);
        }

        @Override
        void add(ResultSet rows, int index, int row) throws SQLException {
            values.add(rows.getString(index));
        }

        @Override
        Column build(int size) {
            return new StringColumn(name, values.toArray(String[]::new));
        }
    }

    static final class Booleans extends ColumnBuilder {
        private final BitSet values = new BitSet();

        Booleans(String name) {
            super(name);
        }

        @Override
        void add(ResultSet rows, int index, int row) throws SQLException {
            boolean value = rows.getBoolean(index);
            if (rows.wasNull()) {
                nulls.set(row);
            } else {
                values.set(row, value);
            }
        }

        @Override
        Column build(int size) {
            return new BooleanColumn(name, values, nulls, size);
        }
    }

    static final class Dates extends ColumnBuilder {
        private long[] days = new long[1024];

        Dates(String name) {
            super(name);
        }

        @Override
        void add(ResultSet rows, int index, int row) throws SQLException {
            LocalDate value = rows.getObject(index, LocalDate.class);
            if (row == days.length) {
                days = java.util.Arrays.copyOf(days, days.length * 2);
            }
            if (value == null) {
                nulls.set(row);
            } else {
                days[row] = value.toEpochDay();
            }
        }

        @Override
        Column build(int size) {
            return new DateColumn(name, java.util.Arrays.copyOf(days, size), nulls);
        }
    }

    static final class Timestamps extends ColumnBuilder {
        private final boolean zoned;
        private final List<LocalDateTime> values = new ArrayList<>();

        Timestamps(String name, boolean zoned) {
            super(name);
            this.zoned = zoned;
        }

        @Override
        void add(ResultSet rows, int index, int row) throws SQLException {
            if (zoned) {
                OffsetDateTime value = rows.getObject(index, OffsetDateTime.class);
                values.add(value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
            } else {
                values.add(rows.getObject(index, LocalDateTime.class));
            }
        }

        @Override
        Column build(int size) {
            return new TimestampColumn(name, values.toArray(LocalDateTime[]::new));
        }
    }
}
