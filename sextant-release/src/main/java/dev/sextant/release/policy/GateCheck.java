package dev.sextant.release.policy;

import dev.sextant.release.evaluation.Metric;
import dev.sextant.release.promotion.PromotionTarget;
import java.util.OptionalDouble;

/** One check of a gate policy; {@link #describe()} names it in verdicts. */
public sealed interface GateCheck {

    String describe();

    /** An overall metric within bounds: {@code accuracy >= 0.8}. */
    record MetricThreshold(Metric metric, OptionalDouble min, OptionalDouble max) implements GateCheck {
        @Override
        public String describe() {
            return metric.wireName() + " " + Bounds.text(min, max);
        }
    }

    /** No worse than the version holding {@code against} on the same data, within {@code tolerance}. */
    record NonRegression(Metric metric, PromotionTarget against, double tolerance) implements GateCheck {
        @Override
        public String describe() {
            return metric.wireName() + " no worse than " + against.name() + " (tolerance " + tolerance + ")";
        }
    }

    /** Every slice of {@code slice} within bounds: {@code accuracy >= 0.7 in every location}. */
    record SliceThreshold(String slice, Metric metric, OptionalDouble min, OptionalDouble max) implements GateCheck {
        @Override
        public String describe() {
            return metric.wireName() + " " + Bounds.text(min, max) + " in every slice of " + slice;
        }
    }

    /** Best and worst slice of {@code slice} at most {@code maxGap} apart (fairness). */
    record SliceDisparity(String slice, Metric metric, double maxGap) implements GateCheck {
        @Override
        public String describe() {
            return metric.wireName() + " gap between slices of " + slice + " <= " + maxGap;
        }
    }

    /** Under {@code perturbation}, {@code metric} drops by at most {@code maxDrop}. */
    record Robustness(String perturbation, Metric metric, double maxDrop) implements GateCheck {
        @Override
        public String describe() {
            return metric.wireName() + " drop under " + perturbation + " <= " + maxDrop;
        }
    }

    /** Single-row prediction latency within budget. */
    record LatencyBudget(OptionalDouble p50Millis, OptionalDouble p99Millis) implements GateCheck {
        @Override
        public String describe() {
            StringBuilder text = new StringBuilder("latency");
            p50Millis.ifPresent(v -> text.append(" p50 <= ").append(v).append(" ms"));
            p99Millis.ifPresent(v -> text.append(p50Millis.isPresent() ? "," : "").append(" p99 <= ").append(v).append(" ms"));
            return text.toString();
        }
    }

    /** Takes the inputs and gives the outputs of the version holding {@code against}. */
    record SchemaCompatible(PromotionTarget against) implements GateCheck {
        @Override
        public String describe() {
            return "schema compatible with " + against.name();
        }
    }

    /** Every file still has the SHA-256 recorded at registration, and a trusted key signed them. */
    record DigestsVerified() implements GateCheck {
        @Override
        public String describe() {
            return "artifact digests verified";
        }
    }

    /** The approval set of the target is complete (added to a target's gates by its {@code approvals}). */
    record ApprovalsComplete(String set) implements GateCheck {
        @Override
        public String describe() {
            return "approvals '" + set + "' complete";
        }
    }
}
