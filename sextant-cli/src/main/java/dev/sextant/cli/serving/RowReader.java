package dev.sextant.cli.serving;

import dev.sextant.cli.CliFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Streams the rows of a CSV or Parquet file through DuckDB: rows are fetched a chunk at a time,
 * so memory stays bounded however large the file is.
 */
final class RowReader implements AutoCloseable {
    static final int FETCH_SIZE = 2048;

    private final Connection connection;
    private final Statement statement;
    private final ResultSet rows;
    private final List<String> columns = new ArrayList<>();
    private final long total;

    RowReader(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CliFailure(CliFailure.FAILED, "no such input file: " + file);
        }
        String reader = reader(file);
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:");
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + reader + "(?)")) {
                count.setString(1, file.toString());
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            PreparedStatement select = connection.prepareStatement("SELECT * FROM " + reader + "(?)");
            select.setString(1, file.toString());
            select.setFetchSize(FETCH_SIZE);
            statement = select;
            rows = select.executeQuery();
            ResultSetMetaData meta = rows.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i));
            }
        } catch (SQLException e) {
            throw new CliFailure(CliFailure.FAILED, "cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    static String reader(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet")) {
            return "read_parquet";
        }
        if (name.endsWith(".csv") || name.endsWith(".csv.gz") || name.endsWith(".tsv")) {
            return "read_csv_auto";
        }
        throw new CliFailure(CliFailure.FAILED, "input " + file + " must be a .csv or .parquet file");
    }

    List<String> columns() {
        return columns;
    }

    long total() {
        return total;
    }

    /** Up to {@code max} more rows, each as its column values (null for missing); empty at the end. */
    List<Object[]> next(int max) {
        List<Object[]> batch = new ArrayList<>(max);
        try {
            while (batch.size() < max && rows.next()) {
                Object[] row = new Object[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = rows.getObject(i + 1);
                }
                batch.add(row);
            }
        } catch (SQLException e) {
            throw new CliFailure(CliFailure.FAILED, "reading the input failed: " + e.getMessage());
        }
        return batch;
    }

    @Override
    public void close() {
        try {
            rows.close();
            statement.close();
            connection.close();
        } catch (SQLException ignored) {
            // closing a read-only in-memory connection: nothing to lose
        }
    }
}
