package dev.sextant.server.release;

import static dev.sextant.server.release.WeatherModels.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.data.read.Dataset;
import dev.sextant.data.read.TableReader;
import dev.sextant.server.Http;
import dev.sextant.server.HttpResult;
import dev.sextant.server.TestServer;
import dev.sextant.server.config.Secret;
import dev.sextant.training.TrainingOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model's way to Production over HTTP with real tokens and roles: evaluation on a holdout,
 * gates, approvals by the reviewers the policy names, promotion, a refused candidate, rollback,
 * the stage history and the audit log.
 */
class ReleaseFlowIT {
    private static final String ADMIN = "admin-token-for-release-tests-0123456789";
    private static final String POLICY = """
            approval_sets:
              production-signoff:
                - role: ml-engineer
                - domain: compliance
            targets:
              Production:
                gates:
                  - metric: accuracy
                    min: 0.6
                  - non_regression: {metric: accuracy, tolerance: 0.02}
                  - slice: {by: location, metric: accuracy, min: 0.5}
                  - robustness: {perturbation: "noise(wind,0.1)", metric: accuracy, max_drop: 0.1}
                  - latency: {p99_ms: 500}
                  - schema: {compatible_with: Production}
                  - digests: verified
                approvals: production-signoff
            """;

    @TempDir
    static Path dir;
    static TestServer server;
    static Http http;
    static String[] admin;
    static String[] engineer;
    static String[] scientist;
    static String[] compliance;
    static TrainingOutcome logistic;
    static TrainingOutcome forest;
    static TrainingOutcome blind;
    static String holdout;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir.resolve("server"), c -> c.withSecurity(c.security()
                .withAdminToken(Secret.of(ADMIN)).withRateLimit(0, 1)));
        http = server.http();
        admin = bearer(ADMIN);
        engineer = bearer(token("erin", "ml-engineer", ""));
        scientist = bearer(token("sam", "data-scientist", ""));
        compliance = bearer(token("carol", "approver", "compliance"));
        Dataset weather = WeatherModels.weather();
        logistic = WeatherModels.classifier(weather, "logistic-regression");
        forest = WeatherModels.classifier(weather, "random-forest");
        // The same rows without precipitation: a model that never saw rain coming.
        Path noRain = dir.resolve("no-precipitation.csv");
        List<String> lines = Files.readAllLines(WeatherModels.data("weather.csv"));
        List<String> without = new ArrayList<>();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            List<String> kept = new ArrayList<>(List.of(cells));
            kept.remove(2);
            without.add(String.join(",", kept));
        }
        Files.write(noRain, without);
        blind = WeatherModels.classifier(new TableReader().read(noRain), "random-forest");
        holdout = WeatherModels.rows(WeatherModels.data("weather.csv"), forest.split().holdout());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void fromEvaluationThroughGatesAndApprovalsToProductionAndBack() {
        String model = WeatherModels.unique("rain");
        ok(http.postJson("/api/v1/models", "{\"name\": \"" + model + "\"}", scientist));
        long v1 = WeatherModels.register(http, model, logistic, scientist);
        long v2 = WeatherModels.register(http, model, forest, scientist);
        long v3 = WeatherModels.register(http, model, blind, scientist);
        String base = "/api/v1/models/" + model;

        assertThat(putPolicy(base, POLICY, scientist).status()).isEqualTo(403);
        JsonNode policy = ok(putPolicy(base, POLICY, engineer));
        assertThat(policy.path("in_force").asText()).isEqualTo("own");

        // Before any evaluation the promotion is refused, naming everything that is missing.
        HttpResult early = promote(base, v1, "first model", engineer);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.header("Content-Type")).startsWith("application/problem+json");
        assertThat(early.json().path("missing")).extracting(m -> m.path("check").asText()).containsExactly(
                "accuracy >= 0.6", "accuracy >= 0.5 in every slice of location",
                "accuracy drop under noise(wind,0.1) <= 0.1", "latency p99 <= 500.0 ms",
                "approvals 'production-signoff' complete");
        assertThat(early.json().path("missing").toString()).contains("no evaluation").contains("missing role ml-engineer, "
                + "domain compliance");

        JsonNode first = ok(evaluate(base, v1, "Production", scientist));
        JsonNode firstEvaluation = first.path("evaluation");
        assertThat(first.path("baseline").isNull()).isTrue();
        assertThat(firstEvaluation.path("dataset").path("rows").asInt()).isEqualTo(forest.split().holdout().length);
        assertThat(firstEvaluation.path("metrics").path("accuracy").asDouble()).isBetween(0.6, 1.0);
        assertThat(firstEvaluation.path("slices")).extracting(s -> s.path("value").asText())
                .containsExactly("New York", "Seattle");
        assertThat(firstEvaluation.path("latency").path("samples").asInt()).isEqualTo(50);

        JsonNode verdict = ok(http.postJson(base + "/versions/" + v1 + "/gate-verdicts", "{\"target\": \"Production\"}",
                scientist));
        assertThat(verdict.path("passed").asBoolean()).isFalse();
        assertThat(verdict.path("checks")).hasSize(8);
        assertThat(verdict.path("checks")).filteredOn(c -> !c.path("passed").asBoolean())
                .extracting(c -> c.path("check").asText()).containsExactly("approvals 'production-signoff' complete");
        assertThat(verdict.path("evaluation_id").asText()).isEqualTo(firstEvaluation.path("id").asText());

        HttpResult notAsked = approve(base, v1, "approve", "fine by me", scientist);
        assertThat(notAsked.status()).isEqualTo(403);
        assertThat(notAsked.json().path("detail").asText()).contains("'sam' (data-scientist)")
                .contains("role ml-engineer, domain compliance");
        // Who may decide is in fields, for the caller: the scientist may not, each reviewer for their own requirement.
        JsonNode asScientist = ok(http.get(base + "/versions/" + v1 + "/approvals?target=Production", scientist));
        assertThat(asScientist.path("status").path("caller_may_decide").asBoolean()).isFalse();
        assertThat(asScientist.path("status").path("requirements")).extracting(r -> r.path("requirement").asText(),
                r -> r.path("roles").toString(), r -> r.path("domain").isNull() ? "-" : r.path("domain").asText(),
                r -> r.path("needed").asInt(), r -> r.path("received").asInt(), r -> r.path("pending").asBoolean(),
                r -> r.path("caller_may_approve").asBoolean())
                .containsExactly(tuple("role ml-engineer", "[\"ml-engineer\"]", "-", 1, 0, true, false),
                        tuple("domain compliance", "[\"approver\"]", "compliance", 1, 0, true, false));
        JsonNode asCompliance = ok(http.get(base + "/versions/" + v1 + "/approvals?target=Production", compliance));
        assertThat(asCompliance.path("status").path("caller_may_decide").asBoolean()).isTrue();
        assertThat(asCompliance.path("status").path("requirements")).extracting(r -> r.path("caller_may_approve")
                .asBoolean()).containsExactly(false, true);
        JsonNode half = ok(approve(base, v1, "approve", "privacy review done", compliance));
        assertThat(half.path("status").path("missing")).extracting(JsonNode::asText).containsExactly("role ml-engineer");
        JsonNode asEngineer = ok(http.get(base + "/versions/" + v1 + "/approvals?target=Production", engineer));
        assertThat(asEngineer.path("status").path("caller_may_decide").asBoolean()).isTrue();
        assertThat(asEngineer.path("status").path("requirements")).extracting(r -> r.path("received").asInt(),
                r -> r.path("pending").asBoolean(), r -> r.path("approved_by").toString(),
                r -> r.path("caller_may_approve").asBoolean())
                .containsExactly(tuple(0, true, "[]", true), tuple(1, false, "[\"carol\"]", false));
        JsonNode full = ok(approve(base, v1, "approve", "", engineer));
        assertThat(full.path("status").path("complete").asBoolean()).isTrue();

        JsonNode promoted = ok(promote(base, v1, "first model that beats the baseline", engineer));
        assertThat(promoted.path("version").asLong()).isEqualTo(v1);
        assertThat(promoted.path("previous_version").isNull()).isTrue();
        assertThat(promoted.path("actor").asText()).isEqualTo("erin");
        assertThat(promoted.path("verdict").path("passed").asBoolean()).isTrue();
        long afterFirst = promoted.path("at").asLong();

        // Production is governed: MLflow's transition-stage may not move it past the gates.
        HttpResult direct = http.postJson("/api/2.0/mlflow/model-versions/transition-stage", "{\"name\": \"" + model
                + "\", \"version\": \"" + v2 + "\", \"stage\": \"Production\"}", engineer);
        assertThat(direct.status()).isEqualTo(409);
        assertThat(direct.json().path("message").asText()).contains("governed by its release policy")
                .contains("sextant models promote");

        // The second candidate is compared with Production on the same data, reusing its evaluation.
        JsonNode second = ok(evaluate(base, v2, "Production", scientist));
        assertThat(second.path("baseline").path("id").asText()).isEqualTo(firstEvaluation.path("id").asText());
        assertThat(second.path("baseline").path("holds").asText()).isEqualTo("Production");
        // A rejection needs a reason, blocks the promotion while it stands, and a later approval replaces it.
        assertThat(approve(base, v2, "reject", "", compliance).status()).isEqualTo(400);
        ok(approve(base, v2, "reject", "explainability report missing", compliance));
        ok(approve(base, v2, "approve", "", engineer));
        HttpResult blocked = promote(base, v2, "forest beats logistic", engineer);
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(blocked.json().path("missing")).singleElement().satisfies(m -> assertThat(m.path("detail").asText())
                .startsWith("missing domain compliance; rejected by carol (\"explainability report missing\")"));
        ok(approve(base, v2, "approve", "report attached", compliance));
        JsonNode replaced = ok(promote(base, v2, "forest beats logistic", engineer));
        assertThat(replaced.path("previous_version").asLong()).isEqualTo(v1);
        assertThat(stage(model, v1)).isEqualTo("Archived");
        assertThat(stage(model, v2)).isEqualTo("Production");
        assertThat(ok(http.get(base + "/aliases/previous", engineer)).path("version").asLong()).isEqualTo(v1);

        // A model that never saw precipitation regresses and breaks the schema; the verdict says both.
        ok(evaluate(base, v3, "Production", scientist));
        JsonNode refused = ok(http.postJson(base + "/versions/" + v3 + "/gate-verdicts", "{\"target\": \"Production\"}",
                scientist));
        List<String> failed = new ArrayList<>();
        refused.path("checks").forEach(c -> {
            if (!c.path("passed").asBoolean()) {
                failed.add(c.path("check").asText() + ": " + c.path("detail").asText());
            }
        });
        assertThat(failed).anySatisfy(f -> assertThat(f).startsWith("accuracy no worse than Production")
                .contains("worse than version " + v2));
        assertThat(failed).anySatisfy(f -> assertThat(f).startsWith("schema compatible with Production")
                .contains("input 'precipitation' (float) is no longer taken"));

        // History answers who held Production when, and a rollback restores the previous holder.
        JsonNode then = ok(http.get(base + "/stage-history?target=Production&at=" + afterFirst, scientist));
        assertThat(then.path("held_by").path("version").asLong()).isEqualTo(v1);
        assertThat(then.path("held_by").path("actor").asText()).isEqualTo("erin");
        assertThat(then.path("held_by").path("reason").asText()).isEqualTo("first model that beats the baseline");
        assertThat(ok(http.get(base + "/stage-history?target=Production&at=1", scientist)).path("held_by").isNull()).isTrue();

        assertThat(http.postJson(base + "/rollbacks", "{\"target\": \"Production\"}", scientist).status()).isEqualTo(403);
        JsonNode rolledBack = ok(http.postJson(base + "/rollbacks", "{\"target\": \"Production\", \"reason\": \"latency "
                + "alert\"}", engineer));
        assertThat(rolledBack.path("action").asText()).isEqualTo("rolled_back");
        assertThat(rolledBack.path("version").asLong()).isEqualTo(v1);
        assertThat(rolledBack.path("previous_version").asLong()).isEqualTo(v2);
        assertThat(stage(model, v1)).isEqualTo("Production");
        assertThat(stage(model, v2)).isEqualTo("Archived");
        assertThat(ok(http.get(base + "/stage-history?target=Production", scientist)).path("history"))
                .extracting(e -> e.path("action").asText() + " " + e.path("version").asLong())
                .containsExactly("rolled_back " + v1, "promoted " + v2, "promoted " + v1);

        JsonNode audit = ok(http.get("/api/v1/audit?entity=registered-model:" + model + "/Production&max_results=50", admin));
        assertThat(audit.path("entries")).extracting(e -> e.path("action").asText() + " by " + e.path("actor").asText())
                .containsExactly("model-version.promote by erin", "model-version.promote by erin",
                        "model-version.rollback by erin");
        JsonNode approvals = ok(http.get("/api/v1/audit?entity=model-version:" + model + "/" + v1 + "&max_results=50", admin));
        assertThat(approvals.path("entries")).extracting(e -> e.path("action").asText())
                .contains("model-version.approve");
    }

    @Test
    void badPoliciesAreRefusedWithTheLineAndReasonAndTheOldOneStays() {
        String model = WeatherModels.unique("policy");
        ok(http.postJson("/api/v1/models", "{\"name\": \"" + model + "\"}", engineer));
        String base = "/api/v1/models/" + model;
        ok(putPolicy(base, POLICY, engineer));

        HttpResult unknown = putPolicy(base, "targets:\n  Production:\n    gates:\n      - metric: acuracy\n        min: 0.8\n",
                engineer);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("problems").get(0).path("line").asInt()).isEqualTo(4);
        assertThat(unknown.json().path("problems").get(0).path("reason").asText()).startsWith("unknown metric 'acuracy'");

        HttpResult malformed = putPolicy(base, "targets:\n  Production:\n    gates: [\n", engineer);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("detail").asText()).contains("malformed YAML");

        HttpResult impossible = putPolicy(base, "targets:\n  Production:\n    gates:\n      - metric: accuracy\n"
                + "        min: 1.5\n", engineer);
        assertThat(impossible.status()).isEqualTo(400);
        assertThat(impossible.json().path("problems").get(0).path("reason").asText())
                .isEqualTo("min 1.5 is impossible: accuracy is always [0, 1]");

        assertThat(ok(http.get(base + "/release-policy", engineer)).path("policy").asText()).isEqualTo(POLICY);
    }

    @Test
    void theServerDefaultGovernsModelsWithoutTheirOwnPolicy() {
        String model = WeatherModels.unique("defaulted");
        ok(http.postJson("/api/v1/models", "{\"name\": \"" + model + "\"}", scientist));
        long version = WeatherModels.register(http, model, logistic, scientist);
        String defaults = "targets:\n  Staging:\n    gates:\n      - metric: accuracy\n        min: 0.99\n";
        assertThat(putDefault(defaults, engineer).status()).isEqualTo(403);
        ok(putDefault(defaults, admin));
        try {
            HttpResult refused = http.postJson("/api/v1/models/" + model + "/promotions", "{\"version\": " + version
                    + ", \"target\": \"Staging\"}", engineer);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().path("verdict").path("policy").asText()).isEqualTo("server default");
            ok(evaluate("/api/v1/models/" + model, version, "none", scientist));
            HttpResult stillRefused = http.postJson("/api/v1/models/" + model + "/promotions", "{\"version\": " + version
                    + ", \"target\": \"Staging\"}", engineer);
            assertThat(stillRefused.json().path("missing").get(0).path("detail").asText()).contains("outside >= 0.99");
            // Production is not governed by this default: it moves without checks.
            assertThat(http.postJson("/api/v1/models/" + model + "/promotions", "{\"version\": " + version
                    + ", \"target\": \"Production\"}", engineer).status()).isEqualTo(201);
            HttpResult nothingBefore = http.postJson("/api/v1/models/" + model + "/rollbacks", "{}", engineer);
            assertThat(nothingBefore.status()).isEqualTo(409);
            assertThat(nothingBefore.json().path("detail").asText()).contains("Nothing to roll Production")
                    .contains("no version holds the alias 'previous'");
        } finally {
            assertThat(http.sendJson("DELETE", "/api/v1/release-policy", "", admin).status()).isEqualTo(204);
        }
    }

    private static HttpResult putPolicy(String base, String yaml, String... auth) {
        return http.send("PUT", base + "/release-policy", java.net.http.HttpRequest.BodyPublishers.ofString(yaml),
                concat(auth, "Content-Type", "application/yaml"));
    }

    private static HttpResult putDefault(String yaml, String... auth) {
        return http.send("PUT", "/api/v1/release-policy", java.net.http.HttpRequest.BodyPublishers.ofString(yaml),
                concat(auth, "Content-Type", "application/yaml"));
    }

    private static HttpResult evaluate(String base, long version, String compareWith, String... auth) {
        return http.postJson(base + "/versions/" + version + "/evaluations", WeatherModels.evaluation(holdout, "weather",
                List.of("location"), List.of("noise(wind,0.1)"), compareWith), auth);
    }

    private static HttpResult approve(String base, long version, String decision, String comment, String... auth) {
        return http.postJson(base + "/versions/" + version + "/approvals", "{\"target\": \"Production\", \"decision\": \""
                + decision + "\", \"comment\": \"" + comment + "\"}", auth);
    }

    private static HttpResult promote(String base, long version, String reason, String... auth) {
        return http.postJson(base + "/promotions", "{\"version\": " + version + ", \"target\": \"Production\", "
                + "\"reason\": \"" + reason + "\"}", auth);
    }

    private static String stage(String model, long version) {
        return ok(http.get("/api/v1/models/" + model + "/versions/" + version, bearer(ADMIN))).path("stage").asText();
    }

    private static String token(String name, String role, String domain) {
        HttpResult created = http.postJson("/api/v1/tokens", "{\"name\":\"" + name + "\",\"role\":\"" + role
                + "\",\"domain\":\"" + domain + "\"}", bearer(ADMIN));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("secret").textValue();
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private static String[] concat(String[] headers, String... more) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }
}
