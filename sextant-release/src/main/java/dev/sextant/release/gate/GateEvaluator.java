package dev.sextant.release.gate;

import dev.sextant.registry.ModelVersion;
import dev.sextant.release.approval.ApprovalStatus;
import dev.sextant.release.evaluation.Evaluation;
import dev.sextant.release.evaluation.Metric;
import dev.sextant.release.policy.ApprovalRequirement;
import dev.sextant.release.policy.Bounds;
import dev.sextant.release.policy.GateCheck;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Runs the checks of a gate against a candidate. A check that cannot be measured (no evaluation,
 * no slices of the kind asked for) fails and says what to run to measure it.
 */
final class GateEvaluator {

    private GateEvaluator() {
    }

    static List<CheckResult> run(List<GateCheck> checks, GateContext context) {
        return checks.stream().map(check -> run(check, context)).toList();
    }

    static CheckResult run(GateCheck check, GateContext context) {
        String name = check.describe();
        return switch (check) {
            case GateCheck.MetricThreshold t -> withEvaluation(name, context, e -> threshold(name, t, e));
            case GateCheck.NonRegression n -> nonRegression(name, n, context);
            case GateCheck.SliceThreshold s -> withEvaluation(name, context, e -> slices(name, s, e));
            case GateCheck.SliceDisparity d -> withEvaluation(name, context, e -> disparity(name, d, e));
            case GateCheck.Robustness r -> withEvaluation(name, context, e -> robustness(name, r, e));
            case GateCheck.LatencyBudget l -> withEvaluation(name, context, e -> latency(name, l, e));
            case GateCheck.SchemaCompatible s -> schema(name, s, context);
            case GateCheck.DigestsVerified d -> digests(name, context);
            case GateCheck.ApprovalsComplete a -> approvals(name, context.approvals(a.set()));
        };
    }

    private static CheckResult withEvaluation(String name, GateContext context,
                                              java.util.function.Function<Evaluation, CheckResult> check) {
        return context.evaluation().map(check).orElseGet(() -> noEvaluation(name, context));
    }

    private static CheckResult noEvaluation(String name, GateContext context) {
        return CheckResult.fail(name, "no evaluation", "an evaluation of " + context.candidate().uri(),
                "Evaluate it first: sextant evaluate " + context.candidate().uri() + " --data <holdout> --target <column>.");
    }

    /** The holdout as a reader can use it again: the dataset version's URI, else the file's name. */
    private static String holdout(Evaluation e) {
        return e.dataset().version().orElse(e.dataset().name());
    }

    private static CheckResult threshold(String name, GateCheck.MetricThreshold t, Evaluation e) {
        Optional<Double> value = e.metric(t.metric().wireName());
        if (value.isEmpty()) {
            return missingMetric(name, t.metric(), e);
        }
        String expected = Bounds.text(t.min(), t.max());
        return Bounds.within(value.get(), t.min(), t.max()) ? CheckResult.pass(name, format(value.get()), expected)
                : CheckResult.fail(name, format(value.get()), expected, t.metric().wireName() + " is " + format(value.get())
                + " on " + e.dataset().name() + " (evaluation " + e.id() + "), outside " + expected + ".");
    }

    private static CheckResult nonRegression(String name, GateCheck.NonRegression n, GateContext context) {
        Optional<ModelVersion> holder = context.holder(n.against());
        if (holder.isEmpty()) {
            return CheckResult.pass(name, "nothing holds " + n.against().name(), "no worse than the holder",
                    "No version holds " + n.against().name() + " yet, so there is nothing to regress from.");
        }
        ModelVersion baseline = holder.get();
        if (baseline.version() == context.candidate().version()) {
            return CheckResult.pass(name, "the candidate holds " + n.against().name(), "no worse than the holder");
        }
        Optional<Evaluation> candidate = context.evaluation();
        if (candidate.isEmpty()) {
            return noEvaluation(name, context);
        }
        Evaluation mine = candidate.get();
        Optional<Evaluation> theirs = context.evaluationOn(baseline, mine.dataset().sha256());
        if (theirs.isEmpty()) {
            return CheckResult.fail(name, "no evaluation of version " + baseline.version() + " on the same data",
                    "both evaluated on " + holdout(mine), "Version " + baseline.version() + " (" + n.against().name()
                    + ") has no evaluation on " + holdout(mine) + " (sha256 " + shortSha(mine.dataset().sha256())
                    + "). Evaluate it on the same data: sextant evaluate " + baseline.uri() + " --data "
                    + holdout(mine) + " --target " + mine.target() + ".");
        }
        String metric = n.metric().wireName();
        Optional<Double> now = mine.metric(metric);
        Optional<Double> before = theirs.get().metric(metric);
        if (now.isEmpty() || before.isEmpty()) {
            return missingMetric(name, n.metric(), now.isEmpty() ? mine : theirs.get());
        }
        double worse = n.metric().degradation(before.get(), now.get());
        String observed = format(now.get()) + " vs " + format(before.get()) + " (version " + baseline.version() + ")"
                + mine.dataset().version().map(uri -> " on " + uri).orElse("");
        double limit = n.metric().higherIsBetter() ? before.get() - n.tolerance() : before.get() + n.tolerance();
        String expected = (n.metric().higherIsBetter() ? ">= " : "<= ") + format(limit);
        return worse <= n.tolerance() + 1e-12 ? CheckResult.pass(name, observed, expected)
                : CheckResult.fail(name, observed, expected, metric + " is " + format(Math.abs(worse)) + " worse than version "
                + baseline.version() + " in " + n.against().name() + " on the same data, beyond the tolerance of "
                + n.tolerance() + ".");
    }

    private static CheckResult slices(String name, GateCheck.SliceThreshold s, Evaluation e) {
        List<Evaluation.SliceResult> slices = e.slicesOf(s.slice());
        if (slices.isEmpty()) {
            return noSlices(name, s.slice(), e);
        }
        String metric = s.metric().wireName();
        List<Evaluation.SliceResult> measured = slices.stream().filter(r -> r.metrics().containsKey(metric)).toList();
        if (measured.isEmpty()) {
            return missingMetric(name, s.metric(), e);
        }
        List<Evaluation.SliceResult> outside = measured.stream()
                .filter(r -> !Bounds.within(r.metrics().get(metric), s.min(), s.max())).toList();
        Evaluation.SliceResult worst = measured.stream().min(Comparator.comparingDouble(r -> worseness(s.metric(),
                r.metrics().get(metric)))).orElseThrow();
        String expected = Bounds.text(s.min(), s.max()) + " in all " + measured.size() + " slices";
        if (outside.isEmpty()) {
            return CheckResult.pass(name, "worst " + format(worst.metrics().get(metric)) + " (" + worst.value() + ")", expected);
        }
        return CheckResult.fail(name, outside.size() + " outside: " + outside.stream().map(r -> r.value() + " "
                + format(r.metrics().get(metric))).collect(Collectors.joining(", ")), expected, metric + " is outside "
                + Bounds.text(s.min(), s.max()) + " for " + s.slice() + " = " + outside.stream().map(r -> r.value() + " ("
                + r.rows() + " rows)").collect(Collectors.joining(", ")) + ".");
    }

    private static CheckResult disparity(String name, GateCheck.SliceDisparity d, Evaluation e) {
        String metric = d.metric().wireName();
        List<Evaluation.SliceResult> measured = e.slicesOf(d.slice()).stream()
                .filter(r -> r.metrics().containsKey(metric)).toList();
        if (measured.isEmpty()) {
            return e.slicesOf(d.slice()).isEmpty() ? noSlices(name, d.slice(), e) : missingMetric(name, d.metric(), e);
        }
        Evaluation.SliceResult best = measured.stream().max(Comparator.comparingDouble(r -> r.metrics().get(metric))).orElseThrow();
        Evaluation.SliceResult low = measured.stream().min(Comparator.comparingDouble(r -> r.metrics().get(metric))).orElseThrow();
        double gap = best.metrics().get(metric) - low.metrics().get(metric);
        String observed = format(gap) + " (" + best.value() + " " + format(best.metrics().get(metric)) + ", " + low.value()
                + " " + format(low.metrics().get(metric)) + ")";
        String expected = "<= " + format(d.maxGap());
        return gap <= d.maxGap() + 1e-12 ? CheckResult.pass(name, observed, expected)
                : CheckResult.fail(name, observed, expected, metric + " differs by " + format(gap) + " between "
                + d.slice() + " = " + best.value() + " and " + low.value() + ", more than the " + format(d.maxGap())
                + " allowed.");
    }

    private static CheckResult robustness(String name, GateCheck.Robustness r, Evaluation e) {
        String metric = r.metric().wireName();
        Optional<Evaluation.RobustnessResult> under = e.robustnessUnder(r.perturbation());
        if (under.isEmpty()) {
            return CheckResult.fail(name, "not measured", "drop <= " + format(r.maxDrop()), "Evaluation " + e.id()
                    + " did not measure " + r.perturbation() + ". Evaluate with --perturb '" + r.perturbation() + "'.");
        }
        Optional<Double> base = e.metric(metric);
        Double changed = under.get().metrics().get(metric);
        if (base.isEmpty() || changed == null) {
            return missingMetric(name, r.metric(), e);
        }
        double drop = r.metric().degradation(base.get(), changed);
        String observed = format(drop) + " (" + format(base.get()) + " -> " + format(changed) + ")";
        String expected = "<= " + format(r.maxDrop());
        return drop <= r.maxDrop() + 1e-12 ? CheckResult.pass(name, observed, expected)
                : CheckResult.fail(name, observed, expected, metric + " drops by " + format(drop) + " under "
                + r.perturbation() + ", more than the " + format(r.maxDrop()) + " allowed.");
    }

    private static CheckResult latency(String name, GateCheck.LatencyBudget l, Evaluation e) {
        if (e.latency().isEmpty()) {
            return CheckResult.fail(name, "not measured", expectedLatency(l), "Evaluation " + e.id() + " did not time "
                    + "predictions. Evaluate with --latency-rows 200 (the default).");
        }
        Evaluation.Latency measured = e.latency().get();
        String observed = "p50 " + format(measured.p50Millis()) + " ms, p99 " + format(measured.p99Millis()) + " ms";
        boolean ok = within(measured.p50Millis(), l.p50Millis()) && within(measured.p99Millis(), l.p99Millis());
        return ok ? CheckResult.pass(name, observed, expectedLatency(l))
                : CheckResult.fail(name, observed, expectedLatency(l), "Single-row predictions are slower than the budget "
                + "(" + measured.samples() + " timed on the evaluation's machine).");
    }

    private static CheckResult schema(String name, GateCheck.SchemaCompatible s, GateContext context) {
        Optional<ModelVersion> holder = context.holder(s.against());
        if (holder.isEmpty() || holder.get().version() == context.candidate().version()) {
            return CheckResult.pass(name, "nothing to replace in " + s.against().name(), "same inputs and outputs");
        }
        List<String> differences = SchemaComparison.differences(context.candidate().content().signature(),
                holder.get().content().signature());
        return differences.isEmpty()
                ? CheckResult.pass(name, "same as version " + holder.get().version(), "same inputs and outputs")
                : CheckResult.fail(name, String.join("; ", differences), "same inputs and outputs as version "
                + holder.get().version(), "Callers of " + s.against().name() + " would break: " + String.join("; ",
                differences) + ".");
    }

    private static CheckResult digests(String name, GateContext context) {
        IntegrityCheck.Result result = context.integrity();
        return result.intact() ? CheckResult.pass(name, "intact", "files match their registered digests", result.detail())
                : CheckResult.fail(name, "not intact", "files match their registered digests", result.detail());
    }

    private static CheckResult approvals(String name, ApprovalStatus status) {
        int required = status.met().size() + status.missing().size();
        String observed = status.met().size() + " of " + required + (status.met().isEmpty() ? "" : " (" + status.met()
                .stream().map(m -> m.requirement().describe() + " by " + m.approval().reviewer())
                .collect(Collectors.joining(", ")) + ")") + (status.rejections().isEmpty() ? ""
                : ", rejected by " + status.rejections().stream().map(a -> a.reviewer()).collect(Collectors.joining(", ")));
        String expected = java.util.stream.Stream.concat(status.met().stream().map(ApprovalStatus.Met::requirement),
                status.missing().stream()).map(ApprovalRequirement::describe).collect(Collectors.joining(", "));
        return status.complete() ? CheckResult.pass(name, observed, expected)
                : CheckResult.fail(name, observed, expected, status.shortfall().orElse("") + ". Reviewers approve with: "
                + "sextant models approve <name> <version> --target <target> --comment '...'.");
    }

    private static CheckResult missingMetric(String name, Metric metric, Evaluation e) {
        return CheckResult.fail(name, "no " + metric.wireName(), metric.wireName() + " measured", "Evaluation " + e.id()
                + " of version " + e.version() + " has no " + metric.wireName() + " (a " + e.task().wireName()
                + " evaluation measures " + String.join(", ", e.metrics().keySet()) + ").");
    }

    private static CheckResult noSlices(String name, String slice, Evaluation e) {
        return CheckResult.fail(name, "no slices by " + slice, "metrics per " + slice, "Evaluation " + e.id()
                + " was not sliced by " + slice + ". Evaluate with --slice '" + slice + "'.");
    }

    private static double worseness(Metric metric, double value) {
        return metric.higherIsBetter() ? value : -value;
    }

    private static boolean within(double value, OptionalDouble budget) {
        return budget.isEmpty() || value <= budget.getAsDouble();
    }

    private static String expectedLatency(GateCheck.LatencyBudget l) {
        StringBuilder text = new StringBuilder();
        l.p50Millis().ifPresent(v -> text.append("p50 <= ").append(format(v)).append(" ms"));
        l.p99Millis().ifPresent(v -> text.append(text.isEmpty() ? "" : ", ").append("p99 <= ").append(format(v)).append(" ms"));
        return text.toString();
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        return String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String shortSha(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
