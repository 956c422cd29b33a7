package dev.sextant.cli.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a gate verdict as the API returns it ({@code passed} and every check with observed and
 * expected values). The approvals check is told apart from the measured ones: a candidate that
 * meets every measured check waits only for people.
 */
final class GateReport {
    private static final String APPROVALS = "approvals ";

    private final JsonNode verdict;

    GateReport(JsonNode verdict) {
        this.verdict = verdict;
    }

    boolean passed() {
        return verdict.path("passed").asBoolean();
    }

    /** Every check other than approvals passed. */
    boolean measuredChecksPass() {
        return failing(false).isEmpty();
    }

    int checks() {
        return verdict.path("checks").size();
    }

    int passing() {
        int passing = 0;
        for (JsonNode check : verdict.path("checks")) {
            passing += check.path("passed").asBoolean() ? 1 : 0;
        }
        return passing;
    }

    /** The failing checks; with {@code withApprovals} false, only the measured ones. */
    List<JsonNode> failing(boolean withApprovals) {
        List<JsonNode> failing = new ArrayList<>();
        for (JsonNode check : verdict.path("checks")) {
            if (!check.path("passed").asBoolean() && (withApprovals || !approvals(check))) {
                failing.add(check);
            }
        }
        return failing;
    }

    /** What the approvals check still expects, e.g. {@code role ml-engineer, domain weather}; empty when met. */
    String missingApprovals() {
        for (JsonNode check : verdict.path("checks")) {
            if (approvals(check) && !check.path("passed").asBoolean()) {
                return check.path("expected").asText();
            }
        }
        return "";
    }

    String id() {
        return verdict.path("id").asText();
    }

    /** {@code accuracy >= 0.8: observed 0.737, expected >= 0.8}. */
    static String describe(JsonNode check) {
        return check.path("check").asText() + ": observed " + check.path("observed").asText() + ", expected "
                + check.path("expected").asText();
    }

    private static boolean approvals(JsonNode check) {
        return check.path("check").asText().startsWith(APPROVALS);
    }
}
