package dev.sextant.release.policy;

import dev.sextant.api.SextantException;
import dev.sextant.release.evaluation.Metric;
import dev.sextant.release.promotion.PromotionTarget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads the body of each kind of gate and refuses thresholds no model could meet. */
final class GateReader {
    private final List<PolicyProblem> problems;
    private final Map<String, Integer> taskLines;

    GateReader(List<PolicyProblem> problems, Map<String, Integer> taskLines) {
        this.problems = problems;
        this.taskLines = taskLines;
    }

    Optional<GateCheck> threshold(Node item, Node metricNode, Node minNode, Node maxNode) {
        Optional<Metric> metric = PolicyParser.metric(metricNode, problems, taskLines);
        OptionalDouble min = PolicyParser.number(minNode, "min", problems);
        OptionalDouble max = PolicyParser.number(maxNode, "max", problems);
        if (minNode == null && maxNode == null) {
            problems.add(new PolicyProblem(PolicyParser.line(item), "metric gate needs 'min' or 'max'"));
            return Optional.empty();
        }
        if (metric.isEmpty() || !possible(metric.get(), min, max, item)) {
            return Optional.empty();
        }
        return Optional.of(new GateCheck.MetricThreshold(metric.get(), min, max));
    }

    Optional<GateCheck> nonRegression(Node body, PromotionTarget target) {
        Optional<Map<String, Node>> read = mapping(body, "non_regression", Set.of("metric", "against", "tolerance"),
                "metric");
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Node> fields = read.get();
        Optional<Metric> metric = PolicyParser.metric(fields.get("metric"), problems, taskLines);
        Optional<PromotionTarget> against = fields.containsKey("against") ? target(fields.get("against"))
                : Optional.of(target);
        double tolerance = PolicyParser.number(fields.get("tolerance"), "tolerance", problems).orElse(0);
        if (tolerance < 0) {
            problems.add(new PolicyProblem(PolicyParser.line(fields.get("tolerance")), "tolerance " + tolerance
                    + " is impossible: it is how much worse the candidate may be, zero or more"));
            return Optional.empty();
        }
        if (metric.isEmpty() || against.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GateCheck.NonRegression(metric.get(), against.get(), tolerance));
    }

    Optional<GateCheck> sliceThreshold(Node body) {
        Optional<Map<String, Node>> read = mapping(body, "slice", Set.of("by", "metric", "min", "max"), "by", "metric");
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Node> fields = read.get();
        var slice = PolicyParser.slice(fields.get("by"), problems);
        Optional<Metric> metric = PolicyParser.metric(fields.get("metric"), problems, taskLines);
        OptionalDouble min = PolicyParser.number(fields.get("min"), "min", problems);
        OptionalDouble max = PolicyParser.number(fields.get("max"), "max", problems);
        if (!fields.containsKey("min") && !fields.containsKey("max")) {
            problems.add(new PolicyProblem(PolicyParser.line(body), "slice gate needs 'min' or 'max'"));
            return Optional.empty();
        }
        if (slice.isEmpty() || metric.isEmpty() || !possible(metric.get(), min, max, body)) {
            return Optional.empty();
        }
        return Optional.of(new GateCheck.SliceThreshold(slice.get().text(), metric.get(), min, max));
    }

    Optional<GateCheck> disparity(Node body) {
        Optional<Map<String, Node>> read = mapping(body, "disparity", Set.of("by", "metric", "max_gap"),
                "by", "metric", "max_gap");
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Node> fields = read.get();
        var slice = PolicyParser.slice(fields.get("by"), problems);
        Optional<Metric> metric = PolicyParser.metric(fields.get("metric"), problems, taskLines);
        OptionalDouble gap = nonNegative(fields, "max_gap", "the gap between the best and worst slice is never negative");
        if (slice.isEmpty() || metric.isEmpty() || gap.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GateCheck.SliceDisparity(slice.get().text(), metric.get(), gap.getAsDouble()));
    }

    Optional<GateCheck> robustness(Node body) {
        Optional<Map<String, Node>> read = mapping(body, "robustness", Set.of("perturbation", "metric", "max_drop"),
                "perturbation", "metric", "max_drop");
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Node> fields = read.get();
        var perturbation = PolicyParser.perturbation(fields.get("perturbation"), problems);
        Optional<Metric> metric = PolicyParser.metric(fields.get("metric"), problems, taskLines);
        OptionalDouble drop = nonNegative(fields, "max_drop",
                "it would require the model to improve under the perturbation; use 0 for no drop");
        if (perturbation.isEmpty() || metric.isEmpty() || drop.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GateCheck.Robustness(perturbation.get().text(), metric.get(), drop.getAsDouble()));
    }

    /** A number that may not be negative; a negative one is reported with why it is impossible. */
    private OptionalDouble nonNegative(Map<String, Node> fields, String key, String whyImpossible) {
        OptionalDouble value = PolicyParser.number(fields.get(key), key, problems);
        if (value.isPresent() && value.getAsDouble() < 0) {
            problems.add(new PolicyProblem(PolicyParser.line(fields.get(key)), key + " " + value.getAsDouble()
                    + " is impossible: " + whyImpossible));
            return OptionalDouble.empty();
        }
        return value;
    }

    Optional<GateCheck> latency(Node body) {
        Optional<Map<String, Node>> read = mapping(body, "latency", Set.of("p50_ms", "p99_ms"));
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Node> fields = read.get();
        if (fields.isEmpty()) {
            problems.add(new PolicyProblem(PolicyParser.line(body), "latency gate needs 'p50_ms' and/or 'p99_ms'"));
            return Optional.empty();
        }
        OptionalDouble p50 = PolicyParser.number(fields.get("p50_ms"), "p50_ms", problems);
        OptionalDouble p99 = PolicyParser.number(fields.get("p99_ms"), "p99_ms", problems);
        for (String key : List.of("p50_ms", "p99_ms")) {
            OptionalDouble value = key.equals("p50_ms") ? p50 : p99;
            if (value.isPresent() && value.getAsDouble() <= 0) {
                problems.add(new PolicyProblem(PolicyParser.line(fields.get(key)), key + " " + value.getAsDouble()
                        + " is impossible: a prediction takes some time; give a budget above 0 ms"));
                return Optional.empty();
            }
        }
        if (fields.containsKey("p50_ms") && p50.isEmpty() || fields.containsKey("p99_ms") && p99.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GateCheck.LatencyBudget(p50, p99));
    }

    Optional<GateCheck> schema(Node body, PromotionTarget target) {
        Optional<Map<String, Node>> read = mapping(body, "schema", Set.of("compatible_with"));
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Node> fields = read.get();
        Optional<PromotionTarget> against = fields.containsKey("compatible_with") ? target(fields.get("compatible_with"))
                : Optional.of(target);
        return against.map(GateCheck.SchemaCompatible::new);
    }

    Optional<GateCheck> digests(Node body) {
        if (body instanceof ScalarNode scalar && scalar.getValue().equals("verified")) {
            return Optional.of(new GateCheck.DigestsVerified());
        }
        problems.add(new PolicyProblem(PolicyParser.line(body), "write the digest check as 'digests: verified'"));
        return Optional.empty();
    }

    /** Bounds a metric can meet: inside its range and not crossed. */
    private boolean possible(Metric metric, OptionalDouble min, OptionalDouble max, Node where) {
        boolean ok = true;
        if (min.isPresent() && !metric.possible(min.getAsDouble())) {
            problems.add(new PolicyProblem(PolicyParser.line(where), "min " + min.getAsDouble() + " is impossible: "
                    + metric.wireName() + " is always " + metric.range()));
            ok = false;
        }
        if (max.isPresent() && !metric.possible(max.getAsDouble())) {
            problems.add(new PolicyProblem(PolicyParser.line(where), "max " + max.getAsDouble() + " is impossible: "
                    + metric.wireName() + " is always " + metric.range()));
            ok = false;
        }
        if (ok && min.isPresent() && max.isPresent() && min.getAsDouble() > max.getAsDouble()) {
            problems.add(new PolicyProblem(PolicyParser.line(where), "min " + min.getAsDouble() + " is above max "
                    + max.getAsDouble() + ": no value of " + metric.wireName() + " passes"));
            ok = false;
        }
        return ok;
    }

    private Optional<PromotionTarget> target(Node node) {
        try {
            return Optional.of(PromotionTarget.parse(PolicyParser.scalar(node, "target", problems)));
        } catch (SextantException e) {
            problems.add(new PolicyProblem(PolicyParser.line(node), e.getMessage()));
            return Optional.empty();
        }
    }

    /**
     * The fields of a check's body; empty (with a problem) when it is not a mapping or lacks one of
     * the {@code required} keys.
     */
    private Optional<Map<String, Node>> mapping(Node body, String kind, Set<String> allowed, String... required) {
        if (!(body instanceof MappingNode map)) {
            problems.add(new PolicyProblem(PolicyParser.line(body), "'" + kind + "' takes a mapping of " + allowed.stream()
                    .sorted().toList()));
            return Optional.empty();
        }
        Map<String, Node> fields = PolicyParser.fields(map, allowed, problems);
        return required(body, fields, required) ? Optional.of(fields) : Optional.empty();
    }

    private boolean required(Node body, Map<String, Node> fields, String... keys) {
        boolean ok = true;
        for (String key : keys) {
            if (!fields.containsKey(key)) {
                problems.add(new PolicyProblem(PolicyParser.line(body), "missing '" + key + "'"));
                ok = false;
            }
        }
        return ok;
    }
}
