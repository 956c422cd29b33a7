package dev.sextant.release.evaluation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The metrics an evaluation records, under the names training logs them with, and what a gate
 * needs to know about each: which way is better and which values are possible.
 */
public enum Metric {
    ACCURACY("accuracy", Task.CLASSIFICATION, true, 0, 1),
    PRECISION("precision", Task.CLASSIFICATION, true, 0, 1),
    RECALL("recall", Task.CLASSIFICATION, true, 0, 1),
    F1("f1", Task.CLASSIFICATION, true, 0, 1),
    ROC_AUC("roc_auc", Task.CLASSIFICATION, true, 0, 1),
    LOG_LOSS("log_loss", Task.CLASSIFICATION, false, 0, Double.POSITIVE_INFINITY),
    RMSE("rmse", Task.REGRESSION, false, 0, Double.POSITIVE_INFINITY),
    MAE("mae", Task.REGRESSION, false, 0, Double.POSITIVE_INFINITY),
    R2("r2", Task.REGRESSION, true, Double.NEGATIVE_INFINITY, 1);

    private final String wireName;
    private final Task task;
    private final boolean higherIsBetter;
    private final double lowest;
    private final double highest;

    Metric(String wireName, Task task, boolean higherIsBetter, double lowest, double highest) {
        this.wireName = wireName;
        this.task = task;
        this.higherIsBetter = higherIsBetter;
        this.lowest = lowest;
        this.highest = highest;
    }

    public String wireName() {
        return wireName;
    }

    public Task task() {
        return task;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether the metric can take this value at all (accuracy 1.2 cannot). */
    public boolean possible(double value) {
        return !Double.isNaN(value) && value >= lowest && value <= highest;
    }

    /** E.g. {@code [0, 1]} or {@code >= 0}, for messages. */
    public String range() {
        if (Double.isInfinite(highest)) {
            return ">= " + format(lowest);
        }
        if (Double.isInfinite(lowest)) {
            return "<= " + format(highest);
        }
        return "[" + format(lowest) + ", " + format(highest) + "]";
    }

    /** How much worse {@code observed} is than {@code reference}: positive when it got worse. */
    public double degradation(double reference, double observed) {
        return higherIsBetter ? reference - observed : observed - reference;
    }

    public static Optional<Metric> named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.wireName.equals(wanted)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(Metric::wireName).collect(Collectors.joining(", "));
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
