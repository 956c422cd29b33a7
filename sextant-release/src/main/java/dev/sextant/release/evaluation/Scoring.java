package dev.sextant.release.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Computes {@link Metric}s of predictions against the truth on a subset of rows, the way training
 * reports them on its holdout: with two labels precision, recall and F1 are those of the positive
 * label (the second in sorted order); with more they are macro averages over the labels seen.
 * ROC AUC (one-vs-rest, macro) and log loss need the model's probabilities.
 */
final class Scoring {
    private static final double EPSILON = 1e-15;

    private Scoring() {
    }

    /** Classification metrics over {@code rows}; {@code labels} are every label the model or the data knows. */
    static Map<String, Double> classes(List<String> truth, Predictions.Classes predictions, int[] rows,
                                       List<String> labels) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (rows.length == 0) {
            return metrics;
        }
        int right = 0;
        for (int row : rows) {
            if (truth.get(row).equals(predictions.predicted().get(row))) {
                right++;
            }
        }
        metrics.put(Metric.ACCURACY.wireName(), (double) right / rows.length);
        List<String> scored = scoredLabels(truth, predictions.predicted(), rows, labels);
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        for (String label : scored) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int row : rows) {
                boolean actual = truth.get(row).equals(label);
                boolean predicted = predictions.predicted().get(row).equals(label);
                tp += actual && predicted ? 1 : 0;
                fp += !actual && predicted ? 1 : 0;
                fn += actual && !predicted ? 1 : 0;
            }
            double p = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double r = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            precision += p;
            recall += r;
            f1 += p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
        if (!scored.isEmpty()) {
            metrics.put(Metric.PRECISION.wireName(), precision / scored.size());
            metrics.put(Metric.RECALL.wireName(), recall / scored.size());
            metrics.put(Metric.F1.wireName(), f1 / scored.size());
        }
        predictions.probabilities().ifPresent(p -> probabilityMetrics(truth, p, rows, labels, metrics));
        return metrics;
    }

    /** Every label, sorted: those of the data and those the model can predict. */
    static List<String> labels(List<String> truth, Predictions.Classes predictions) {
        TreeSet<String> labels = new TreeSet<>(truth);
        labels.addAll(predictions.predicted());
        predictions.probabilities().ifPresent(p -> labels.addAll(p.labels()));
        return List.copyOf(labels);
    }

    static String averaging(List<String> labels) {
        return labels.size() == 2 ? "binary, positive label '" + labels.get(1) + "'" : "macro over the labels seen";
    }

    static Map<String, Double> values(double[] truth, double[] predicted, int[] rows) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (rows.length == 0) {
            return metrics;
        }
        double mean = 0;
        for (int row : rows) {
            mean += truth[row];
        }
        mean /= rows.length;
        double squared = 0;
        double absolute = 0;
        double total = 0;
        for (int row : rows) {
            double error = predicted[row] - truth[row];
            squared += error * error;
            absolute += Math.abs(error);
            total += (truth[row] - mean) * (truth[row] - mean);
        }
        metrics.put(Metric.RMSE.wireName(), Math.sqrt(squared / rows.length));
        metrics.put(Metric.MAE.wireName(), absolute / rows.length);
        metrics.put(Metric.R2.wireName(), total == 0 ? 0 : 1 - squared / total);
        return metrics;
    }

    private static List<String> scoredLabels(List<String> truth, List<String> predicted, int[] rows, List<String> labels) {
        if (labels.size() == 2) {
            return List.of(labels.get(1));
        }
        TreeSet<String> seen = new TreeSet<>();
        for (int row : rows) {
            seen.add(truth.get(row));
            seen.add(predicted.get(row));
        }
        return List.copyOf(seen);
    }

    private static void probabilityMetrics(List<String> truth, Predictions.Probabilities probabilities, int[] rows,
                                           List<String> labels, Map<String, Double> metrics) {
        double logLoss = 0;
        for (int row : rows) {
            int index = probabilities.labels().indexOf(truth.get(row));
            double p = index < 0 ? 0 : probabilities.rows().get(row)[index];
            logLoss -= Math.log(Math.min(1 - EPSILON, Math.max(EPSILON, p)));
        }
        List<String> aucLabels = new ArrayList<>();
        if (labels.size() == 2) {
            aucLabels.add(labels.get(1));
        } else {
            for (String label : probabilities.labels()) {
                boolean positive = false;
                boolean negative = false;
                for (int row : rows) {
                    positive |= truth.get(row).equals(label);
                    negative |= !truth.get(row).equals(label);
                }
                if (positive && negative) {
                    aucLabels.add(label);
                }
            }
        }
        double auc = 0;
        int counted = 0;
        for (String label : aucLabels) {
            int index = probabilities.labels().indexOf(label);
            Optional<Double> value = index < 0 ? Optional.empty() : rocAuc(truth, probabilities, rows, label, index);
            if (value.isPresent()) {
                auc += value.get();
                counted++;
            }
        }
        if (counted > 0) {
            metrics.put(Metric.ROC_AUC.wireName(), auc / counted);
        }
        metrics.put(Metric.LOG_LOSS.wireName(), logLoss / rows.length);
    }

    /** The probability that a random positive row scores above a random negative one (ties count half). */
    private static Optional<Double> rocAuc(List<String> truth, Predictions.Probabilities probabilities, int[] rows,
                                           String label, int index) {
        List<double[]> scored = new ArrayList<>();
        long positives = 0;
        for (int row : rows) {
            boolean positive = truth.get(row).equals(label);
            positives += positive ? 1 : 0;
            scored.add(new double[] {probabilities.rows().get(row)[index], positive ? 1 : 0});
        }
        long negatives = rows.length - positives;
        if (positives == 0 || negatives == 0) {
            return Optional.empty();
        }
        scored.sort((a, b) -> Double.compare(a[0], b[0]));
        double rankSum = 0;
        int i = 0;
        while (i < scored.size()) {
            int j = i;
            while (j + 1 < scored.size() && scored.get(j + 1)[0] == scored.get(i)[0]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rankSum += scored.get(k)[1] * averageRank;
            }
            i = j + 1;
        }
        return Optional.of((rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives));
    }
}
