package dev.sextant.release.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.security.Role;
import dev.sextant.release.evaluation.Metric;
import dev.sextant.release.promotion.PromotionTarget;
import dev.sextant.registry.Stage;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PolicyParserTest {
    static final String FULL = """
            version: 1
            approval_sets:
              production-signoff:
                - role: ml-engineer
                - domain: weather
                - domain: compliance
            targets:
              Production:
                gates:
                  - metric: accuracy
                    min: 0.8
                  - non_regression: {metric: f1, tolerance: 0.01}
                  - slice: {by: location, metric: accuracy, min: 0.7}
                  - disparity: {by: month(date), metric: accuracy, max_gap: 0.15}
                  - robustness: {perturbation: "noise(temp_max,0.5)", metric: accuracy, max_drop: 0.05}
                  - latency: {p50_ms: 5, p99_ms: 25}
                  - schema: {compatible_with: Production}
                  - digests: verified
                approvals: production-signoff
              champion:
                gates:
                  - metric: log_loss
                    max: 1.2
            """;

    @Test
    void readsEveryKindOfCheck() {
        ReleasePolicy policy = PolicyParser.parse(FULL);

        TargetPolicy production = policy.forTarget(new PromotionTarget.StageTarget(Stage.PRODUCTION)).orElseThrow();
        assertThat(production.gates()).containsExactly(
                new GateCheck.MetricThreshold(Metric.ACCURACY, OptionalDouble.of(0.8), OptionalDouble.empty()),
                new GateCheck.NonRegression(Metric.F1, new PromotionTarget.StageTarget(Stage.PRODUCTION), 0.01),
                new GateCheck.SliceThreshold("location", Metric.ACCURACY, OptionalDouble.of(0.7), OptionalDouble.empty()),
                new GateCheck.SliceDisparity("month(date)", Metric.ACCURACY, 0.15),
                new GateCheck.Robustness("noise(temp_max,0.5)", Metric.ACCURACY, 0.05),
                new GateCheck.LatencyBudget(OptionalDouble.of(5), OptionalDouble.of(25)),
                new GateCheck.SchemaCompatible(new PromotionTarget.StageTarget(Stage.PRODUCTION)),
                new GateCheck.DigestsVerified());
        assertThat(production.checks()).last().isEqualTo(new GateCheck.ApprovalsComplete("production-signoff"));
        assertThat(policy.approvalSet("production-signoff")).containsExactly(
                new ApprovalRequirement.ByRole(Role.ML_ENGINEER), new ApprovalRequirement.ByDomain("weather"),
                new ApprovalRequirement.ByDomain("compliance"));
        assertThat(policy.forTarget(new PromotionTarget.AliasTarget("champion")).orElseThrow().gates()).containsExactly(
                new GateCheck.MetricThreshold(Metric.LOG_LOSS, OptionalDouble.empty(), OptionalDouble.of(1.2)));
        assertThat(policy.governs(new PromotionTarget.StageTarget(Stage.STAGING))).isFalse();
    }

    @Test
    void unknownMetricIsRefusedWithItsLine() {
        List<PolicyProblem> problems = problems("""
                targets:
                  Production:
                    gates:
                      - metric: acuracy
                        min: 0.8
                """);
        assertThat(problems).containsExactly(new PolicyProblem(4, "unknown metric 'acuracy'; known metrics: "
                + Metric.names()));
    }

    @Test
    void malformedYamlIsRefusedWithItsLine() {
        List<PolicyProblem> problems = problems("""
                targets:
                  Production:
                    gates: [
                      - metric: accuracy
                """);
        assertThat(problems).hasSize(1);
        assertThat(problems.getFirst().reason()).startsWith("malformed YAML");
        assertThat(problems.getFirst().line()).isBetween(4, 6);

        assertThat(problems("just text")).extracting(PolicyProblem::line).containsExactly(1);
        assertThat(problems("targets:\n  Production:\n    gates: []\n  production:\n    gates: []\n"))
                .containsExactly(new PolicyProblem(4, "target 'Production' is given twice"));
    }

    @Test
    void impossibleThresholdsAreRefusedSayingWhy() {
        List<PolicyProblem> problems = problems("""
                targets:
                  Production:
                    gates:
                      - metric: accuracy
                        min: 1.5
                      - metric: f1
                        min: 0.9
                        max: 0.8
                      - metric: rmse
                        max: -1
                      - non_regression: {metric: accuracy, tolerance: -0.1}
                      - disparity: {by: location, metric: accuracy, max_gap: -0.2}
                      - robustness: {perturbation: "missing(wind)", metric: accuracy, max_drop: -0.01}
                      - latency: {p99_ms: 0}
                """);
        assertThat(problems).extracting(PolicyProblem::line).containsExactly(4, 6, 9, 11, 12, 13, 14, 9);
        assertThat(problems.get(0).reason()).isEqualTo("min 1.5 is impossible: accuracy is always [0, 1]");
        assertThat(problems.get(1).reason()).isEqualTo("min 0.9 is above max 0.8: no value of f1 passes");
        assertThat(problems.get(2).reason()).isEqualTo("max -1.0 is impossible: rmse is always >= 0");
        assertThat(problems.get(3).reason()).contains("tolerance -0.1 is impossible");
        assertThat(problems.get(4).reason()).contains("max_gap -0.2 is impossible");
        assertThat(problems.get(5).reason()).contains("max_drop -0.01 is impossible");
        assertThat(problems.get(6).reason()).contains("p99_ms 0.0 is impossible");
        assertThat(problems.get(7).reason()).contains("mixes classification and regression metrics");
    }

    @Test
    void structuralMistakesAreAllReportedAtOnce() {
        List<PolicyProblem> problems = problems("""
                approval_sets:
                  signoff:
                    - role: wizard
                    - team: risk
                targets:
                  Archived:
                    gates: []
                  Production:
                    gates:
                      - metric: accuracy
                      - slice: {by: "temp[1,x]", metric: accuracy, min: 0.5}
                      - colour: blue
                    approvals: sign-off
                    owner: me
                """);
        assertThat(problems).extracting(PolicyProblem::line).containsExactly(3, 4, 4, 6, 14, 10, 11, 12, 12, 13);
        assertThat(problems.get(0).reason()).startsWith("Unknown role 'wizard'");
        assertThat(problems.get(1).reason()).startsWith("unknown key 'team'");
        assertThat(problems.get(2).reason()).isEqualTo("an approval names exactly one of 'role' or 'domain'");
        assertThat(problems.get(3).reason()).contains("promoted to Staging or Production, not 'Archived'");
        assertThat(problems.get(4).reason()).startsWith("unknown key 'owner'");
        assertThat(problems.get(5).reason()).isEqualTo("metric gate needs 'min' or 'max'");
        assertThat(problems.get(6).reason()).contains("'x' is not a number");
        assertThat(problems.get(7).reason()).startsWith("unknown key 'colour'");
        assertThat(problems.get(8).reason()).startsWith("a gate names exactly one check");
        assertThat(problems.get(9).reason()).isEqualTo("approval set 'sign-off' is not defined under approval_sets "
                + "(defined: signoff)");
    }

    @Test
    void theRefusalIsAClientErrorListingEveryProblem() {
        PolicyRejected rejected = catchThrowableOfType(PolicyRejected.class, () -> PolicyParser.parse("""
                targets:
                  Production:
                    gates:
                      - metric: acuracy
                        min: 2
                """));
        assertThat(rejected.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
        assertThat(rejected.getMessage()).startsWith("The release policy was rejected: line 4: unknown metric 'acuracy'");
        assertThat(rejected.problems()).hasSize(1);
        assertThatThrownBy(() -> PolicyParser.parse("")).isInstanceOf(PolicyRejected.class)
                .hasMessageContaining("line 1");
    }

    private static List<PolicyProblem> problems(String yaml) {
        return catchThrowableOfType(PolicyRejected.class, () -> PolicyParser.parse(yaml)).problems();
    }
}
