package dev.sextant.cli.serving;

import dev.sextant.cli.CliFailure;
import dev.sextant.serving.runtime.InferenceOutputs;
import dev.sextant.serving.runtime.OutputValue;
import dev.sextant.serving.runtime.ProbabilityMaps;
import dev.sextant.serving.runtime.Tensor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes each input row followed by its predictions. CSV is written as it goes; for a
 * {@code .parquet} output the CSV is written beside it first and DuckDB converts it, streaming.
 * Probability maps become one column per label ({@code output_probability_<label>}), a matrix
 * output one column per position.
 */
final class PredictionWriter implements AutoCloseable {
    private final Path target;
    private final Path csv;
    private final BufferedWriter out;
    private final List<String> inputColumns;
    private boolean headerWritten;

    PredictionWriter(Path target, List<String> inputColumns) {
        this.target = target;
        this.inputColumns = inputColumns;
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".parquet")) {
            throw new CliFailure(CliFailure.FAILED, "output " + target + " must be a .csv or .parquet file");
        }
        this.csv = name.endsWith(".parquet") ? target.resolveSibling(target.getFileName() + ".partial.csv") : target;
        try {
            this.out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliFailure(CliFailure.FAILED, "cannot write " + csv + ": " + e.getMessage());
        }
    }

    void write(List<Object[]> rows, InferenceOutputs outputs) {
        try {
            List<String> header = new ArrayList<>(inputColumns);
            List<String[]> predicted = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                predicted.add(new String[0]);
            }
            for (OutputValue value : outputs.values()) {
                columns(value, header, predicted);
            }
            if (!headerWritten) {
                line(header.toArray(String[]::new));
                headerWritten = true;
            }
            for (int r = 0; r < rows.size(); r++) {
                Object[] row = rows.get(r);
                String[] cells = new String[row.length + predicted.get(r).length];
                for (int c = 0; c < row.length; c++) {
                    cells[c] = row[c] == null ? "" : row[c].toString();
                }
                System.arraycopy(predicted.get(r), 0, cells, row.length, predicted.get(r).length);
                line(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void columns(OutputValue value, List<String> header, List<String[]> predicted) {
        switch (value) {
            case ProbabilityMaps maps -> {
                List<String> labels = maps.labels();
                labels.forEach(label -> header.add(maps.name() + "_" + label));
                for (int r = 0; r < predicted.size(); r++) {
                    String[] cells = new String[labels.size()];
                    for (int l = 0; l < labels.size(); l++) {
                        cells[l] = String.valueOf(maps.rows().get(r).getOrDefault(labels.get(l), 0f));
                    }
                    predicted.set(r, concat(predicted.get(r), cells));
                }
            }
            case Tensor tensor -> {
                int rows = predicted.size();
                int width = rows == 0 ? 0 : tensor.elementCount() / rows;
                String[] flat = flat(tensor);
                for (int w = 0; w < width; w++) {
                    header.add(width == 1 ? tensor.name() : tensor.name() + "_" + w);
                }
                for (int r = 0; r < rows; r++) {
                    String[] cells = new String[width];
                    System.arraycopy(flat, r * width, cells, 0, width);
                    predicted.set(r, concat(predicted.get(r), cells));
                }
            }
        }
    }

    private static String[] flat(Tensor tensor) {
        return switch (tensor.datatype()) {
            case FP32 -> {
                float[] v = tensor.floats();
                String[] s = new String[v.length];
                for (int i = 0; i < v.length; i++) {
                    s[i] = Float.toString(v[i]);
                }
                yield s;
            }
            case FP64 -> java.util.Arrays.stream(tensor.doubles()).mapToObj(Double::toString).toArray(String[]::new);
            case INT64 -> java.util.Arrays.stream(tensor.longs()).mapToObj(Long::toString).toArray(String[]::new);
            case INT32 -> java.util.Arrays.stream(tensor.ints()).mapToObj(Integer::toString).toArray(String[]::new);
            case BYTES -> tensor.strings();
            case BOOL -> {
                boolean[] v = tensor.bools();
                String[] s = new String[v.length];
                for (int i = 0; i < v.length; i++) {
                    s[i] = Boolean.toString(v[i]);
                }
                yield s;
            }
            default -> new String[tensor.elementCount()];
        };
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private void line(String[] cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(cells[i]));
        }
        out.write('\n');
    }

    private static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!csv.equals(target)) {
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                 PreparedStatement copy = duck.prepareStatement("COPY (SELECT * FROM read_csv_auto(?)) TO '"
                         + target.toString().replace("'", "''") + "' (FORMAT parquet)")) {
                copy.setString(1, csv.toString());
                copy.execute();
                Files.deleteIfExists(csv);
            } catch (SQLException | IOException e) {
                throw new CliFailure(CliFailure.FAILED, "writing " + target + " failed: " + e.getMessage());
            }
        }
    }
}
