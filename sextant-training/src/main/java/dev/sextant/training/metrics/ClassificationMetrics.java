package dev.sextant.training.metrics;

import dev.sextant.training.models.Predictions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holdout metrics of a classifier. With two labels, precision, recall and F1 are those of the
 * positive label (the second in sorted order, e.g. {@code 1}, {@code true}, {@code yes}); with
 * more they are macro averages over the labels seen in the holdout's truth or predictions. ROC AUC
 * is one-vs-rest, macro-averaged over the labels that occur in the holdout (a label with no
 * positive rows has no AUC). Log loss clips probabilities at 1e-15.
 */
public final class ClassificationMetrics {
    private static final double EPSILON = 1e-15;

    private ClassificationMetrics() {
    }

    public static Evaluation evaluate(List<String> truth, Predictions.Classes predictions) {
        List<String> labels = predictions.labels();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", accuracy(truth, predictions.predicted()));
        String averaging;
        List<String> scored;
        if (labels.size() == 2) {
            String positive = labels.stream().sorted().toList().get(1);
            scored = List.of(positive);
            averaging = "binary, positive label '" + positive + "'";
        } else {
            scored = labels.stream().filter(l -> truth.contains(l) || predictions.predicted().contains(l)).toList();
            averaging = "macro over " + scored.size() + " labels";
        }
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        for (String label : scored) {
            Counts counts = Counts.of(label, truth, predictions.predicted());
            precision += counts.precision();
            recall += counts.recall();
            f1 += counts.f1();
        }
        metrics.put("precision", precision / scored.size());
        metrics.put("recall", recall / scored.size());
        metrics.put("f1", f1 / scored.size());
        List<String> aucLabels = labels.size() == 2 ? scored
                : labels.stream().filter(truth::contains).filter(l -> truth.stream().anyMatch(t -> !t.equals(l))).toList();
        double auc = 0;
        for (String label : aucLabels) {
            int index = labels.indexOf(label);
            double[] scores = predictions.probabilities().stream().mapToDouble(p -> p[index]).toArray();
            auc += RocAuc.of(scores, truth.stream().map(label::equals).toList());
        }
        if (!aucLabels.isEmpty()) {
            metrics.put("roc_auc", auc / aucLabels.size());
        }
        metrics.put("log_loss", logLoss(truth, predictions));
        String aucNote = labels.size() == 2 ? "" : "; ROC AUC one-vs-rest macro over " + aucLabels.size() + " labels";
        return new Evaluation(metrics, "precision/recall/F1 " + averaging + aucNote);
    }

    private static double accuracy(List<String> truth, List<String> predicted) {
        int right = 0;
        for (int i = 0; i < truth.size(); i++) {
            if (truth.get(i).equals(predicted.get(i))) {
                right++;
            }
        }
        return (double) right / truth.size();
    }

    private static double logLoss(List<String> truth, Predictions.Classes predictions) {
        double sum = 0;
        for (int i = 0; i < truth.size(); i++) {
            int index = predictions.labels().indexOf(truth.get(i));
            double p = index < 0 ? 0 : predictions.probabilities().get(i)[index];
            sum -= Math.log(Math.min(1 - EPSILON, Math.max(EPSILON, p)));
        }
        return sum / truth.size();
    }

    private record Counts(int truePositives, int falsePositives, int falseNegatives) {
        static Counts of(String label, List<String> truth, List<String> predicted) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < truth.size(); i++) {
                boolean actual = truth.get(i).equals(label);
                boolean guessed = predicted.get(i).equals(label);
                if (actual && guessed) {
                    tp++;
                } else if (guessed) {
                    fp++;
                } else if (actual) {
                    fn++;
                }
            }
            return new Counts(tp, fp, fn);
        }

        double precision() {
            return truePositives + falsePositives == 0 ? 0 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 0 : (double) truePositives / (truePositives + falseNegatives);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /** Area under the ROC curve as the Mann-Whitney statistic, ties counted half. */
    static final class RocAuc {
        private RocAuc() {
        }

        static double of(double[] scores, List<Boolean> positive) {
            Integer[] order = new Integer[scores.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
            double[] ranks = new double[scores.length];
            for (int i = 0; i < order.length; ) {
                int j = i;
                while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                    j++;
                }
                double rank = (i + j) / 2.0 + 1;
                for (int k = i; k <= j; k++) {
                    ranks[order[k]] = rank;
                }
                i = j + 1;
            }
            long positives = positive.stream().filter(p -> p).count();
            long negatives = positive.size() - positives;
            double rankSum = 0;
            for (int i = 0; i < ranks.length; i++) {
                if (positive.get(i)) {
                    rankSum += ranks[i];
                }
            }
            return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
        }
    }
}
