package dev.sextant.training.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/** Holdout metrics of a regressor: RMSE, MAE and R² (1 − residual / total sum of squares). */
public final class RegressionMetrics {

    private RegressionMetrics() {
    }

    public static Evaluation evaluate(double[] truth, double[] predicted) {
        double mean = java.util.Arrays.stream(truth).average().orElse(0);
        double squared = 0;
        double absolute = 0;
        double total = 0;
        for (int i = 0; i < truth.length; i++) {
            double error = predicted[i] - truth[i];
            squared += error * error;
            absolute += Math.abs(error);
            total += (truth[i] - mean) * (truth[i] - mean);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("rmse", Math.sqrt(squared / truth.length));
        metrics.put("mae", absolute / truth.length);
        metrics.put("r2", total == 0 ? 0 : 1 - squared / total);
        return new Evaluation(metrics, "");
    }
}
