package dev.sextant.release.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.security.Principal;
import dev.sextant.api.security.Role;
import dev.sextant.registry.ModelContent;
import dev.sextant.registry.ModelSignature;
import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.ModelVersionStatus;
import dev.sextant.registry.Stage;
import dev.sextant.release.approval.Approval;
import dev.sextant.release.approval.ApprovalStatus;
import dev.sextant.release.approval.Decision;
import dev.sextant.release.evaluation.Evaluation;
import dev.sextant.release.evaluation.Task;
import dev.sextant.release.policy.ApprovalRequirement;
import dev.sextant.release.policy.GateCheck;
import dev.sextant.release.policy.PolicyParser;
import dev.sextant.release.policy.ReleasePolicy;
import dev.sextant.release.promotion.PromotionTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GateEvaluatorTest {
    private static final String INPUTS = "[{\"type\": \"string\", \"name\": \"location\"}, {\"type\": \"float\", \"name\": \"wind\"}]";
    private static final String OUTPUTS = "[{\"type\": \"string\", \"name\": \"output_label\"}]";
    private static final String POLICY = """
            approval_sets:
              signoff:
                - role: ml-engineer
                - domain: compliance
            targets:
              Production:
                gates:
                  - metric: accuracy
                    min: 0.8
                  - non_regression: {metric: accuracy, tolerance: 0.01}
                  - slice: {by: location, metric: accuracy, min: 0.7}
                  - disparity: {by: location, metric: accuracy, max_gap: 0.1}
                  - robustness: {perturbation: "missing(wind)", metric: accuracy, max_drop: 0.05}
                  - latency: {p99_ms: 10}
                  - schema: {compatible_with: Production}
                  - digests: verified
                approvals: signoff
            """;
    private static final PromotionTarget PRODUCTION = new PromotionTarget.StageTarget(Stage.PRODUCTION);

    @Test
    void aGoodCandidatePassesEveryCheckAndEachSaysWhatItSaw() {
        TestContext context = new TestContext(version(3, INPUTS), Optional.of(evaluation(3, "aaa", 0.86, 0.84, 0.81,
                0.83, 4.0)));
        context.holder = Optional.of(version(2, INPUTS));
        context.baseline = Optional.of(evaluation(2, "aaa", 0.85, 0.8, 0.8, 0.8, 3.0));
        context.approvals.add(approval("alice", Role.ML_ENGINEER, ""));
        context.approvals.add(approval("carol", Role.APPROVER, "compliance"));

        List<CheckResult> results = GateEvaluator.run(checks(), context);

        assertThat(results).hasSize(9).allMatch(CheckResult::passed);
        assertThat(results.get(0)).isEqualTo(new CheckResult("accuracy >= 0.8", true, "0.86", ">= 0.8", ""));
        assertThat(results.get(1).observed()).isEqualTo("0.86 vs 0.85 (version 2)");
        assertThat(results.get(1).expected()).isEqualTo(">= 0.84");
        assertThat(results.get(2).observed()).isEqualTo("worst 0.81 (New York)");
        assertThat(results.get(3).observed()).isEqualTo("0.03 (Seattle 0.84, New York 0.81)");
        assertThat(results.get(4).observed()).isEqualTo("0.03 (0.86 -> 0.83)");
        assertThat(results.get(5).observed()).isEqualTo("p50 2 ms, p99 4 ms");
        assertThat(results.get(8).observed()).isEqualTo("2 of 2 (role ml-engineer by alice, domain compliance by carol)");
    }

    @Test
    void aBadCandidateFailsEveryCheckItFailsNotJustTheFirst() {
        TestContext context = new TestContext(version(3, "[{\"type\": \"string\", \"name\": \"location\"}]"),
                Optional.of(evaluation(3, "aaa", 0.79, 0.9, 0.6, 0.7, 12.0)));
        context.holder = Optional.of(version(2, INPUTS));
        context.baseline = Optional.of(evaluation(2, "aaa", 0.85, 0.8, 0.8, 0.8, 3.0));
        context.intact = new IntegrityCheck.Result(false, "'model.onnx' has SHA-256 abc but the manifest records def");
        context.approvals.add(approval("alice", Role.ML_ENGINEER, ""));

        List<CheckResult> results = GateEvaluator.run(checks(), context);

        assertThat(results).extracting(CheckResult::passed).containsExactly(false, false, false, false, false, false,
                false, false, false);
        assertThat(results.get(0).detail()).contains("0.79").contains("outside >= 0.8");
        assertThat(results.get(1).detail()).contains("0.06 worse than version 2");
        assertThat(results.get(2).observed()).isEqualTo("1 outside: New York 0.6");
        assertThat(results.get(3).observed()).startsWith("0.3 (Seattle 0.9, New York 0.6)");
        assertThat(results.get(4).observed()).isEqualTo("0.09 (0.79 -> 0.7)");
        assertThat(results.get(5).observed()).isEqualTo("p50 6 ms, p99 12 ms");
        assertThat(results.get(6).observed()).isEqualTo("input 'wind' (float) is no longer taken");
        assertThat(results.get(7).detail()).contains("manifest records def");
        assertThat(results.get(8).detail()).startsWith("missing domain compliance");
    }

    @Test
    void checksThatCannotBeMeasuredFailAndSayWhatToRun() {
        TestContext unevaluated = new TestContext(version(3, INPUTS), Optional.empty());
        unevaluated.holder = Optional.of(version(2, INPUTS));
        List<CheckResult> results = GateEvaluator.run(checks().subList(0, 6), unevaluated);
        assertThat(results).allSatisfy(r -> {
            assertThat(r.passed()).isFalse();
            assertThat(r.detail()).contains("sextant evaluate models:/rain/3");
        });

        TestContext noBaseline = new TestContext(version(3, INPUTS), Optional.of(evaluation(3, "aaa", 0.9, 0.9, 0.9,
                0.9, 1)));
        noBaseline.holder = Optional.of(version(2, INPUTS));
        CheckResult regression = GateEvaluator.run(checks().get(1), noBaseline);
        assertThat(regression.passed()).isFalse();
        assertThat(regression.detail()).contains("Version 2 (Production) has no evaluation on holdout.csv")
                .contains("sextant evaluate models:/rain/2 --data holdout.csv --target weather");
    }

    @Test
    void withNothingInProductionThereIsNothingToRegressFromOrBreak() {
        TestContext first = new TestContext(version(1, INPUTS), Optional.of(evaluation(1, "aaa", 0.9, 0.9, 0.9, 0.9, 1)));
        assertThat(GateEvaluator.run(checks().get(1), first).passed()).isTrue();
        assertThat(GateEvaluator.run(checks().get(6), first).passed()).isTrue();
    }

    @Test
    void aRejectionBlocksEvenWhenEveryRoleApproved() {
        TestContext context = new TestContext(version(3, INPUTS), Optional.empty());
        context.approvals.add(approval("alice", Role.ML_ENGINEER, ""));
        context.approvals.add(approval("carol", Role.APPROVER, "compliance"));
        context.approvals.add(new Approval("x", "rain", 3, "Production", "dave", Role.APPROVER, "compliance",
                Decision.REJECTED, "no privacy review", 10));
        CheckResult result = GateEvaluator.run(checks().get(8), context);
        assertThat(result.passed()).isFalse();
        assertThat(result.detail()).startsWith("rejected by dave (\"no privacy review\")");
    }

    private static List<GateCheck> checks() {
        ReleasePolicy policy = PolicyParser.parse(POLICY);
        return policy.forTarget(PRODUCTION).orElseThrow().checks();
    }

    private static ModelVersion version(long number, String inputs) {
        return new ModelVersion("rain", number, 0, 0, "", Stage.NONE, "", "runs:/r/model", "r", "", ModelVersionStatus.READY,
                "", List.of(), List.of(), new ModelContent("mlflow-artifacts:/1/r/artifacts/model", "sha256:x",
                "model.onnx", List.of(), new ModelSignature(inputs, OUTPUTS), false));
    }

    private static Evaluation evaluation(long version, String sha, double accuracy, double seattle, double newYork,
                                         double withoutWind, double p99) {
        return new Evaluation("e" + version, "rain", version, new Evaluation.DatasetRef("holdout.csv", sha, 100), "weather",
                Task.CLASSIFICATION, Map.of("accuracy", accuracy, "f1", accuracy - 0.1), "macro", List.of(
                new Evaluation.SliceResult("location", "New York", 50, Map.of("accuracy", newYork)),
                new Evaluation.SliceResult("location", "Seattle", 50, Map.of("accuracy", seattle))),
                List.of(new Evaluation.RobustnessResult("missing(wind)", "wind", Map.of("accuracy", withoutWind))),
                Optional.of(new Evaluation.Latency(p99 / 2, p99, 100)), 1, "alice");
    }

    private static Approval approval(String reviewer, Role role, String domain) {
        return new Approval(reviewer, "rain", 3, "Production", reviewer, role, domain, Decision.APPROVED, "", 1);
    }

    /** The gate's view of a small registry, held in fields. */
    private static final class TestContext implements GateContext {
        private final ModelVersion candidate;
        private final Optional<Evaluation> evaluation;
        Optional<ModelVersion> holder = Optional.empty();
        Optional<Evaluation> baseline = Optional.empty();
        IntegrityCheck.Result intact = new IntegrityCheck.Result(true, "files match");
        final List<Approval> approvals = new ArrayList<>();

        TestContext(ModelVersion candidate, Optional<Evaluation> evaluation) {
            this.candidate = candidate;
            this.evaluation = evaluation;
        }

        @Override
        public ModelVersion candidate() {
            return candidate;
        }

        @Override
        public Optional<Evaluation> evaluation() {
            return evaluation;
        }

        @Override
        public Optional<ModelVersion> holder(PromotionTarget target) {
            return holder;
        }

        @Override
        public Optional<Evaluation> evaluationOn(ModelVersion version, String datasetSha256) {
            return baseline.filter(e -> e.version() == version.version() && e.dataset().sha256().equals(datasetSha256));
        }

        @Override
        public IntegrityCheck.Result integrity() {
            return intact;
        }

        @Override
        public ApprovalStatus approvals(String set) {
            List<ApprovalRequirement> requirements = PolicyParser.parse(POLICY).approvalSet(set);
            return ApprovalStatus.of(set, requirements, approvals);
        }
    }

    static Principal principal(String name, Role role, String domain) {
        return new Principal(name, role, domain, List.of(), "");
    }
}
