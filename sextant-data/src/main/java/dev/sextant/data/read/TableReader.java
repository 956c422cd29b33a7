package dev.sextant.data.read;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.data.table.Column;
import dev.sextant.data.table.DataTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV and Parquet files into a {@link DataTable} through an in-memory DuckDB, which infers
 * column types (numbers, text, dates, timestamps, booleans) and keeps missing values as nulls.
 */
public final class TableReader {

    /** Reads {@code file}; errors say what was wrong with it. */
    public Dataset read(Path file) {
        requireFile(file);
        DataFormat format = DataFormat.of(file);
        String sha256 = FileDigest.sha256(file);
        DataTable table = load(file, format);
        return new Dataset(baseName(file), file, format, sha256, table);
    }

    /**
     * The columns of {@code file} with the types {@link #read} would give them, without reading the
     * rows: a quick check of a file before committing to a long job on it.
     */
    public List<ColumnHeader> header(Path file) {
        requireFile(file);
        DataFormat format = DataFormat.of(file);
        return query(file, format, " LIMIT 0", rows -> {
            ResultSetMetaData meta = rows.getMetaData();
            List<ColumnHeader> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(new ColumnHeader(meta.getColumnLabel(i), ColumnBuilder.typeOf(meta.getColumnTypeName(i))));
            }
            return List.copyOf(columns);
        });
    }

    /**
     * The columns and row count of {@code file}, read by the database without holding the rows in
     * memory: what a dataset version records. A file the reader cannot parse fails here, naming
     * the problem; so does one without rows.
     */
    public TableShape shape(Path file) {
        List<ColumnHeader> columns = header(file);
        DataFormat format = DataFormat.of(file);
        long rows = query(file, format, "SELECT COUNT(*) FROM (SELECT * FROM ", ")", result -> {
            result.next();
            return result.getLong(1);
        });
        if (rows == 0 || columns.isEmpty()) {
            throw SextantException.invalid("'" + file.getFileName() + "' holds no rows: a dataset needs a table with "
                    + "a header and at least one row.");
        }
        return new TableShape(columns, rows);
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SextantException(ErrorCode.RESOURCE_DOES_NOT_EXIST, "No data file at '" + file
                    + "': check the path (relative paths start from " + Path.of("").toAbsolutePath() + ").");
        }
    }

    private static DataTable load(Path file, DataFormat format) {
        return query(file, format, "", rows -> collect(rows, file));
    }

    private static <T> T query(Path file, DataFormat format, String suffix, RowsReader<T> reader) {
        return query(file, format, "SELECT * FROM ", suffix, reader);
    }

    private static <T> T query(Path file, DataFormat format, String prefix, String suffix, RowsReader<T> reader) {
        String sql = prefix + format.tableFunction() + "('" + file.toAbsolutePath().toString()
                .replace("'", "''") + "')" + suffix;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            try (ResultSet rows = statement.executeQuery(sql)) {
                return reader.read(rows);
            }
        } catch (SQLException e) {
            throw SextantException.invalid("Could not read '" + file.getFileName() + "' as " + format
                    + ": " + firstLine(e.getMessage()));
        }
    }

    @FunctionalInterface
    private interface RowsReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private static DataTable collect(ResultSet rows, Path file) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        List<ColumnBuilder> builders = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            builders.add(ColumnBuilder.forType(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
        }
        int count = 0;
        while (rows.next()) {
            for (int i = 0; i < builders.size(); i++) {
                builders.get(i).add(rows, i + 1, count);
            }
            count++;
        }
        if (count == 0 || builders.isEmpty()) {
            throw SextantException.invalid("'" + file.getFileName() + "' holds no rows: training and "
                    + "profiling need a table with a header and at least one row.");
        }
        List<Column> columns = new ArrayList<>();
        for (ColumnBuilder builder : builders) {
            columns.add(builder.build(count));
        }
        return new DataTable(columns);
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String firstLine(String message) {
        String text = message == null ? "unknown error" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
