package dev.sextant.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class GateReportTest {

    private static JsonNode verdict(boolean accuracyPassed, boolean approvalsPassed) throws Exception {
        return Api.JSON.readTree("""
                {"id": "d31a", "passed": %1$s, "checks": [
                  {"check": "accuracy >= 0.8", "passed": %2$s, "observed": "0.737", "expected": ">= 0.8", "detail": ""},
                  {"check": "artifact digests verified", "passed": true, "observed": "intact",
                   "expected": "files match their registered digests", "detail": ""},
                  {"check": "approvals 'production-signoff' complete", "passed": %3$s, "observed": "0 of 2",
                   "expected": "role ml-engineer, domain compliance", "detail": "missing role ml-engineer"}]}
                """.formatted(accuracyPassed && approvalsPassed, accuracyPassed, approvalsPassed));
    }

    @Test
    void tellsMeasuredChecksFromApprovals() throws Exception {
        GateReport failed = new GateReport(verdict(false, false));
        assertThat(failed.passed()).isFalse();
        assertThat(failed.measuredChecksPass()).isFalse();
        assertThat(failed.passing()).isEqualTo(1);
        assertThat(failed.checks()).isEqualTo(3);
        assertThat(failed.failing(false)).extracting(GateReport::describe)
                .containsExactly("accuracy >= 0.8: observed 0.737, expected >= 0.8");
        assertThat(failed.failing(true)).hasSize(2);

        GateReport waiting = new GateReport(verdict(true, false));
        assertThat(waiting.measuredChecksPass()).isTrue();
        assertThat(waiting.passed()).isFalse();
        assertThat(waiting.missingApprovals()).isEqualTo("role ml-engineer, domain compliance");

        GateReport passed = new GateReport(verdict(true, true));
        assertThat(passed.passed()).isTrue();
        assertThat(passed.missingApprovals()).isEmpty();
        assertThat(passed.id()).isEqualTo("d31a");
    }
}
