package dev.sextant.release.evaluation;

import dev.sextant.api.SextantException;
import dev.sextant.data.table.BooleanColumn;
import dev.sextant.data.table.Column;
import dev.sextant.data.table.DataTable;
import dev.sextant.data.table.DateColumn;
import dev.sextant.data.table.NumericColumn;
import dev.sextant.data.table.StringColumn;
import dev.sextant.data.table.TimestampColumn;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;

/**
 * A change to one feature under which a model's metrics are measured again, written as text:
 * {@code noise(temp_max,0.5)} adds Gaussian noise with a standard deviation of 0.5 times the
 * column's own; {@code missing(wind)} removes every value of the column.
 */
public sealed interface Perturbation {

    String feature();

    /** The perturbation as written, also its name in results and gate policies. */
    String text();

    /** The table with {@link #feature()} changed; {@code random} makes noise reproducible. */
    DataTable apply(DataTable table, RandomGenerator random);

    record Noise(String feature, double scale) implements Perturbation {
        public Noise {
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw SextantException.invalid("The noise scale of '" + feature + "' must be a positive number (a fraction "
                        + "of the column's standard deviation, e.g. 0.5); got " + scale + ".");
            }
        }

        @Override
        public String text() {
            return "noise(" + feature + "," + scale + ")";
        }

        @Override
        public DataTable apply(DataTable table, RandomGenerator random) {
            if (!(table.require(feature) instanceof NumericColumn numbers)) {
                throw SextantException.invalid("Perturbation '" + text() + "' needs a numeric column; '" + feature
                        + "' holds " + table.require(feature).type().name().toLowerCase(Locale.ROOT)
                        + " values. Use missing(" + feature + ") instead.");
            }
            double sd = standardDeviation(numbers) * scale;
            double[] values = new double[numbers.size()];
            BitSet nulls = new BitSet();
            for (int row = 0; row < values.length; row++) {
                if (numbers.isNull(row)) {
                    nulls.set(row);
                } else {
                    values[row] = numbers.value(row) + random.nextGaussian() * sd;
                }
            }
            return replace(table, new NumericColumn(feature, values, nulls, false));
        }

        private static double standardDeviation(NumericColumn column) {
            double sum = 0;
            double squares = 0;
            int count = 0;
            for (int row = 0; row < column.size(); row++) {
                if (!column.isNull(row)) {
                    double value = column.value(row);
                    sum += value;
                    squares += value * value;
                    count++;
                }
            }
            if (count < 2) {
                return 0;
            }
            double mean = sum / count;
            return Math.sqrt(Math.max(0, squares / count - mean * mean));
        }
    }

    record Missing(String feature) implements Perturbation {
        @Override
        public String text() {
            return "missing(" + feature + ")";
        }

        @Override
        public DataTable apply(DataTable table, RandomGenerator random) {
            Column column = table.require(feature);
            int size = column.size();
            BitSet all = new BitSet();
            all.set(0, size);
            Column empty = switch (column) {
                case NumericColumn n -> new NumericColumn(feature, new double[size], all, n.integral());
                case StringColumn s -> new StringColumn(feature, new String[size]);
                case DateColumn d -> new DateColumn(feature, new long[size], all);
                case TimestampColumn t -> new TimestampColumn(feature, new LocalDateTime[size]);
                case BooleanColumn b -> new BooleanColumn(feature, new BitSet(), all, size);
            };
            return replace(table, empty);
        }
    }

    static Perturbation parse(String text) {
        String spec = text.strip();
        Matcher noise = SpecPatterns.NOISE.matcher(spec);
        if (noise.matches()) {
            try {
                return new Noise(noise.group(1), Double.parseDouble(noise.group(2)));
            } catch (NumberFormatException e) {
                throw SextantException.invalid("Perturbation '" + spec + "': the scale '" + noise.group(2)
                        + "' is not a number, e.g. noise(temp_max,0.5).");
            }
        }
        Matcher missing = SpecPatterns.MISSING.matcher(spec);
        if (missing.matches()) {
            return new Missing(missing.group(1));
        }
        throw SextantException.invalid("Cannot read perturbation '" + text + "'. Write noise(column,scale) for Gaussian "
                + "noise of scale times the column's standard deviation, or missing(column).");
    }

    private static DataTable replace(DataTable table, Column replacement) {
        List<Column> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            columns.add(column.name().equals(replacement.name()) ? replacement : column);
        }
        return new DataTable(columns);
    }
}
