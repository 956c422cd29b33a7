package dev.sextant.training.features;

import dev.sextant.api.SextantException;
import dev.sextant.data.table.BooleanColumn;
import dev.sextant.data.table.Column;
import dev.sextant.data.table.DataTable;
import dev.sextant.data.table.DateColumn;
import dev.sextant.data.table.NumericColumn;
import dev.sextant.data.table.StringColumn;
import dev.sextant.data.table.TimestampColumn;
import dev.sextant.training.features.ColumnDecision.Action;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/** Fits a {@link FeaturePlan}: the rules that decide each column's fate, applied to the training split. */
final class PlanFitter {
    static final int MAX_CATEGORIES = 100;

    private final DataTable table;
    private final String target;
    private final int[] rows;
    private final List<FeatureColumn> features = new ArrayList<>();
    private final List<ColumnDecision> decisions = new ArrayList<>();

    PlanFitter(DataTable table, String target, int[] rows) {
        this.table = table;
        this.target = target;
        this.rows = rows.clone();
    }

    FeaturePlan fit() {
        for (Column column : table.columns()) {
            if (column.name().equals(target)) {
                decisions.add(new ColumnDecision(column.name(), Action.TARGET, "the column to predict", 0));
                continue;
            }
            String dropped = switch (column) {
                case NumericColumn numbers -> numeric(numbers);
                case StringColumn text -> categorical(text);
                case DateColumn dates -> date(dates);
                case BooleanColumn flags -> use(new BooleanFeature(flags.name()));
                case TimestampColumn ignored -> "timestamps are not used as features; add a date column instead";
            };
            if (!dropped.isEmpty()) {
                decisions.add(new ColumnDecision(column.name(), Action.DROPPED, dropped, 0));
            }
        }
        if (features.isEmpty()) {
            throw SextantException.invalid("No column can be used as a feature to predict '" + target + "': "
                    + decisions.stream().filter(d -> d.action() == Action.DROPPED)
                    .map(d -> d.column() + " (" + d.reason() + ")").toList()
                    + ". Add numeric, text, boolean or date columns.");
        }
        return standardise();
    }

    private String use(FeatureColumn feature) {
        features.add(feature);
        decisions.add(feature.decision());
        return "";
    }

    private String numeric(NumericColumn column) {
        double[] present = Arrays.stream(rows).filter(row -> !column.isNull(row))
                .mapToDouble(column::value).sorted().toArray();
        if (present.length == 0) {
            return "every value is missing in the training split";
        }
        if (present[0] == present[present.length - 1]) {
            return "constant (" + column.text(firstPresent(column)) + ") in the training split";
        }
        int middle = present.length / 2;
        double median = present.length % 2 == 1 ? present[middle] : (present[middle - 1] + present[middle]) / 2;
        return use(new NumericFeature(column.name(), (float) median, rows.length - present.length));
    }

    private String categorical(StringColumn column) {
        TreeSet<String> categories = new TreeSet<>();
        int present = 0;
        for (int row : rows) {
            if (column.value(row).isPresent()) {
                categories.add(column.value(row).get());
                present++;
            }
        }
        if (categories.isEmpty()) {
            return "every value is missing in the training split";
        }
        if (categories.size() == 1) {
            return "constant (" + categories.first() + ") in the training split";
        }
        if (categories.size() == present) {
            return "identifier-like: every value is distinct";
        }
        if (categories.size() > MAX_CATEGORIES) {
            return categories.size() + " categories, more than " + MAX_CATEGORIES + " to one-hot encode";
        }
        return use(new CategoricalFeature(column.name(), List.copyOf(categories)));
    }

    private String date(DateColumn column) {
        for (int row : rows) {
            if (column.isNull(row)) {
                return "has missing dates; a date column is used only when every date is present";
            }
        }
        return use(new DateFeature(column.name()));
    }

    private int firstPresent(Column column) {
        return Arrays.stream(rows).filter(row -> !column.isNull(row)).findFirst().orElseThrow();
    }

    /** Mean and standard deviation of each numeric feature over the training split, as Scaler parameters. */
    private FeaturePlan standardise() {
        int width = features.stream().mapToInt(FeatureColumn::width).sum();
        FeaturePlan unscaled = new FeaturePlan(features, decisions, new float[width], ones(width));
        double[] sum = new double[width];
        double[] sumSquares = new double[width];
        for (int row : rows) {
            float[] vector = unscaled.encodeRaw(table, row);
            for (int f = 0; f < width; f++) {
                sum[f] += vector[f];
                sumSquares[f] += (double) vector[f] * vector[f];
            }
        }
        float[] offsets = new float[width];
        float[] scales = ones(width);
        for (int f = 0; f < width; f++) {
            if (unscaled.standardised(f)) {
                double mean = sum[f] / rows.length;
                double std = Math.sqrt(Math.max(0, sumSquares[f] / rows.length - mean * mean));
                offsets[f] = (float) mean;
                scales[f] = std > 1e-12 ? (float) (1 / std) : 1f;
            }
        }
        return new FeaturePlan(features, decisions, offsets, scales);
    }

    private static float[] ones(int width) {
        float[] ones = new float[width];
        Arrays.fill(ones, 1f);
        return ones;
    }
}
