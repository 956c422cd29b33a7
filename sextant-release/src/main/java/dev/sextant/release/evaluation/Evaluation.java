package dev.sextant.release.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The measured quality of one model version on one holdout, as stored with the version. Two
 * evaluations with the same {@link DatasetRef#sha256()} ran on the same bytes and compare directly.
 *
 * @param metrics overall metrics by {@link Metric} name
 * @param averaging how precision, recall and F1 were averaged over the labels
 */
public record Evaluation(String id, String model, long version, DatasetRef dataset, String target, Task task,
                         Map<String, Double> metrics, String averaging, List<SliceResult> slices,
                         List<RobustnessResult> robustness, Optional<Latency> latency, long createdAt, String createdBy) {

    public Evaluation {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        slices = List.copyOf(slices);
        robustness = List.copyOf(robustness);
    }

    /**
     * The holdout: its name, the SHA-256 of its bytes and how many rows were scored.
     *
     * @param version the dataset version's URI ({@code datasets:/holdout/2}) when the holdout was one
     */
    public record DatasetRef(String name, String sha256, int rows, Optional<String> version) {
        /** A holdout sent as a file, not a dataset version. */
        public DatasetRef(String name, String sha256, int rows) {
            this(name, sha256, rows, Optional.empty());
        }

        public DatasetRef withVersion(Optional<String> uri) {
            return new DatasetRef(name, sha256, rows, uri);
        }
    }

    /** The metrics of the rows of one slice, e.g. {@code location} = {@code Seattle}. */
    public record SliceResult(String slice, String value, int rows, Map<String, Double> metrics) {
        public SliceResult {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }

    /** The metrics of every row under one perturbation. */
    public record RobustnessResult(String perturbation, String feature, Map<String, Double> metrics) {
        public RobustnessResult {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }

    /** Single-row prediction times: median and 99th percentile over {@code samples} calls. */
    public record Latency(double p50Millis, double p99Millis, int samples) {
    }

    public Optional<Double> metric(String name) {
        return Optional.ofNullable(metrics.get(name));
    }

    /** Every slice result of one slice spec, e.g. all locations. */
    public List<SliceResult> slicesOf(String slice) {
        return slices.stream().filter(s -> s.slice().equals(slice)).toList();
    }

    public Optional<RobustnessResult> robustnessUnder(String perturbation) {
        return robustness.stream().filter(r -> r.perturbation().equals(perturbation)).findFirst();
    }
}
