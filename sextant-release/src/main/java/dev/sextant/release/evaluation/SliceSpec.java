package dev.sextant.release.evaluation;

import dev.sextant.api.SextantException;
import dev.sextant.data.table.Column;
import dev.sextant.data.table.DataTable;
import dev.sextant.data.table.DateColumn;
import dev.sextant.data.table.NumericColumn;
import dev.sextant.data.table.TimestampColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * How rows are grouped into slices, written as text: {@code location} (one slice per value),
 * {@code month(date)} (per calendar month of a date column: 01 … 12) or {@code temp_max[0,10,20]}
 * (numeric ranges between the given edges: {@code < 0}, {@code [0, 10)}, {@code [10, 20)},
 * {@code >= 20}). Rows with a missing value form the slice {@value #MISSING}.
 */
public sealed interface SliceSpec {
    String MISSING = "(missing)";

    /** The spec as written, also its name in results and gate policies. */
    String text();

    String column();

    /** The slice each row of {@code table} falls in. */
    List<String> keys(DataTable table);

    record ByValue(String column) implements SliceSpec {
        @Override
        public String text() {
            return column;
        }

        @Override
        public List<String> keys(DataTable table) {
            Column values = table.require(column);
            List<String> keys = new ArrayList<>(values.size());
            for (int row = 0; row < values.size(); row++) {
                keys.add(values.isNull(row) ? MISSING : values.text(row));
            }
            return keys;
        }
    }

    record ByMonth(String column) implements SliceSpec {
        @Override
        public String text() {
            return "month(" + column + ")";
        }

        @Override
        public List<String> keys(DataTable table) {
            Column values = table.require(column);
            List<String> keys = new ArrayList<>(values.size());
            for (int row = 0; row < values.size(); row++) {
                int month = switch (values) {
                    case DateColumn dates -> dates.value(row).map(d -> d.getMonthValue()).orElse(0);
                    case TimestampColumn times -> times.value(row).map(t -> t.getMonthValue()).orElse(0);
                    default -> throw SextantException.invalid("Slice '" + text() + "' needs a date or timestamp column; '"
                            + column + "' holds " + values.type().name().toLowerCase(java.util.Locale.ROOT) + " values.");
                };
                keys.add(month == 0 ? MISSING : String.format("%02d", month));
            }
            return keys;
        }
    }

    /** @param edges strictly increasing */
    record ByRange(String column, List<Double> edges) implements SliceSpec {
        public ByRange {
            edges = List.copyOf(edges);
            for (int i = 1; i < edges.size(); i++) {
                if (!(edges.get(i) > edges.get(i - 1))) {
                    throw SextantException.invalid("Slice edges of '" + column + "' must increase strictly; got " + edges + ".");
                }
            }
            if (edges.isEmpty()) {
                throw SextantException.invalid("A range slice needs at least one edge, e.g. " + column + "[0,10].");
            }
        }

        @Override
        public String text() {
            return column + edges.stream().map(ByRange::number).toList().toString().replace(" ", "");
        }

        @Override
        public List<String> keys(DataTable table) {
            if (!(table.require(column) instanceof NumericColumn numbers)) {
                throw SextantException.invalid("Slice '" + text() + "' needs a numeric column; '" + column + "' is not.");
            }
            List<String> keys = new ArrayList<>(numbers.size());
            for (int row = 0; row < numbers.size(); row++) {
                keys.add(numbers.isNull(row) ? MISSING : bucket(numbers.value(row)));
            }
            return keys;
        }

        private String bucket(double value) {
            if (value < edges.getFirst()) {
                return "< " + number(edges.getFirst());
            }
            for (int i = 1; i < edges.size(); i++) {
                if (value < edges.get(i)) {
                    return "[" + number(edges.get(i - 1)) + ", " + number(edges.get(i)) + ")";
                }
            }
            return ">= " + number(edges.getLast());
        }

        private static String number(double value) {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
        }
    }

    /** Parses {@code location}, {@code month(date)} or {@code temp_max[0,10,20]}. */
    static SliceSpec parse(String text) {
        String spec = text.strip();
        Matcher month = SpecPatterns.MONTH.matcher(spec);
        if (month.matches()) {
            return new ByMonth(month.group(1));
        }
        Matcher range = SpecPatterns.RANGE.matcher(spec);
        if (range.matches()) {
            List<Double> edges = new ArrayList<>();
            for (String edge : range.group(2).split(",")) {
                try {
                    edges.add(Double.parseDouble(edge.strip()));
                } catch (NumberFormatException e) {
                    throw SextantException.invalid("Slice '" + spec + "': '" + edge.strip() + "' is not a number. Write "
                            + "ranges as column[edge,edge,...], e.g. temp_max[0,10,20].");
                }
            }
            return new ByRange(range.group(1).strip(), edges);
        }
        if (SpecPatterns.COLUMN.matcher(spec).matches()) {
            return new ByValue(spec);
        }
        throw SextantException.invalid("Cannot read slice '" + text + "'. Write a column (location), the month of a date "
                + "column (month(date)) or numeric ranges (temp_max[0,10,20]).");
    }
}
