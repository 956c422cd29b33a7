package dev.sextant.server.serving;

import dev.sextant.serving.runtime.FailingOnnxModel;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.HttpResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Changing what is served under sustained load: a model hot-swap, canary shifts, a blue/green
 * switch and back all answer every request; an error burst on a canary rolls it back by itself
 * within 30 s with the reason recorded. The versions are different packages, so each change
 * really loads a model.
 */
class RolloutIT extends TwoVersionServerTest {
    private static final String ONE_ROW = ServingFixture.inferBody(new float[][] {{5.1f, 3.5f}});
    private static final String TWO_ROWS = ServingFixture.inferBody(new float[][] {{5.1f, 3.5f}, {6.2f, 2.9f}});

    @Test
    void hotSwappingTheModelDropsNoRequest() throws Exception {
        fixture.deploy("{\"name\": \"swap\", \"model\": \"models:/" + model + "/" + v1 + "\"}");
        try (LoadLoop load = new LoadLoop(http.base(), "/v2/models/swap/infer", ONE_ROW, 8)) {
            load.awaitMore(300);
            fixture.patch("swap", "{\"policy\": {\"model\": \"models:/" + model + "/" + v2 + "\"}}");
            load.awaitMore(300);
            fixture.patch("swap", "{\"policy\": {\"model\": \"models:/" + model + "/" + v1 + "\"}, "
                    + "\"batching\": {\"max_batch_size\": 16, \"max_wait_ms\": 1}}");
            load.awaitMore(300);
            load.close();
            assertThat(load.failures).isEmpty();
            assertThat(load.answeredBy(uri(v1))).isPositive();
            assertThat(load.answeredBy(uri(v2))).isPositive();
        }
        assertThat(fixture.get("swap").path("versions").path("primary").path("version").asLong()).isEqualTo(v1);
    }

    @Test
    void blueGreenSwitchesAllTrafficAndBackWithoutAFailure() throws Exception {
        fixture.deploy("{\"name\": \"bg\", \"policy\": {\"type\": \"blue_green\", \"blue\": \"models:/" + model + "/" + v1
                + "\", \"green\": \"models:/" + model + "/" + v2 + "\"}}");
        try (LoadLoop load = new LoadLoop(http.base(), "/v2/models/bg/infer", ONE_ROW, 8)) {
            load.awaitMore(300);
            long blueBefore = load.answeredBy(uri(v1));
            assertThat(load.answeredBy(uri(v2))).isZero();
            JsonNode green = ServingFixture.ok(http.postJson(ServingFixture.DEPLOYMENTS + "/bg/switch", "{}")).json();
            assertThat(green.path("policy").path("active").asText()).isEqualTo("green");
            long blueAtSwitch = load.answeredBy(uri(v1));
            load.awaitMore(300);
            // Requests in flight at the switch may still finish on blue; nothing after it does.
            assertThat(load.answeredBy(uri(v1)) - blueAtSwitch).isLessThanOrEqualTo(8);
            assertThat(load.answeredBy(uri(v2))).isPositive();
            ServingFixture.ok(http.postJson(ServingFixture.DEPLOYMENTS + "/bg/switch", "{}"));
            long greenAtSwitchBack = load.answeredBy(uri(v2));
            load.awaitMore(300);
            assertThat(load.answeredBy(uri(v2)) - greenAtSwitchBack).isLessThanOrEqualTo(8);
            assertThat(load.answeredBy(uri(v1))).isGreaterThan(blueBefore);
            load.close();
            assertThat(load.failures).isEmpty();
        }
    }

    @Test
    void canaryShiftsUnderLoadDropNothingAndSplitTrafficAsSet() throws Exception {
        fixture.deploy("{\"name\": \"shift\", \"policy\": {\"type\": \"canary\", \"stable\": \"models:/" + model + "/" + v1
                + "\", \"canary\": \"models:/" + model + "/" + v2 + "\", \"percent\": 10}}");
        try (LoadLoop load = new LoadLoop(http.base(), "/v2/models/shift/infer", ONE_ROW, 8)) {
            load.awaitMore(200);
            for (int percent : new int[] {25, 50, 100}) {
                fixture.patch("shift", "{\"policy\": {\"percent\": " + percent + "}}");
                load.awaitMore(200);
            }
            long canaryAtFull = load.answeredBy(uri(v2));
            long stableAtFull = load.answeredBy(uri(v1));
            load.awaitMore(400);
            load.close();
            assertThat(load.failures).isEmpty();
            assertThat(load.answeredBy(uri(v2)) - canaryAtFull).isGreaterThanOrEqualTo(400);
            assertThat(load.answeredBy(uri(v1)) - stableAtFull).isLessThanOrEqualTo(8);
        }
        JsonNode deployment = fixture.get("shift");
        assertThat(deployment.path("rollout").path("canary_percent").asInt()).isEqualTo(100);
    }

    @Test
    void anErrorBurstOnACanaryRollsItBackWithin30SecondsWithTheReason() throws Exception {
        String failing = fixture.model("broken");
        long broken = fixture.register(failing, FailingOnnxModel.bytes(), false);
        fixture.deploy("{\"name\": \"guarded\", \"policy\": {\"type\": \"canary\", \"stable\": \"models:/" + model + "/" + v1
                + "\", \"canary\": \"models:/" + failing + "/" + broken + "\", \"percent\": 30, \"steps\": [60, 100],"
                + " \"step_interval_seconds\": 3600, \"max_error_rate\": 0.05, \"min_requests\": 10}}");
        long start = System.nanoTime();
        JsonNode rollout = fixture.get("guarded").path("rollout");
        int failures = 0;
        while (!rollout.path("phase").asText().equals("ROLLED_BACK")
                && System.nanoTime() - start < Duration.ofSeconds(30).toNanos()) {
            for (int i = 0; i < 20; i++) {
                HttpResult result = http.postJson("/v2/models/guarded/infer", TWO_ROWS);
                failures += result.status() == 500 ? 1 : 0;
            }
            rollout = fixture.get("guarded").path("rollout");
        }
        assertThat(rollout.path("phase").asText()).isEqualTo("ROLLED_BACK");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(failures).isPositive();
        assertThat(rollout.path("canary_percent").asInt()).isZero();
        assertThat(rollout.path("reason").asText()).contains("error rate").contains("max_error_rate");
        assertThat(rollout.path("events").toString()).contains("rolled back automatically");
        for (int i = 0; i < 50; i++) {
            HttpResult after = http.postJson("/v2/models/guarded/infer", TWO_ROWS);
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.header("X-Model-Version")).isEqualTo(uri(v1));
        }
    }

    @Test
    void abIsStickyPerUserHeaderAndShadowComparesWithoutAnswering() throws Exception {
        fixture.deploy("{\"name\": \"ab\", \"policy\": {\"type\": \"ab\", \"variants\": [{\"name\": \"a\", \"model\": "
                + "\"models:/" + model + "/" + v1 + "\", \"weight\": 50}, {\"name\": \"b\", \"model\": \"models:/" + model
                + "/" + v2 + "\", \"weight\": 50}], \"sticky_key\": {\"header\": \"X-User\"}}}");
        int toB = 0;
        for (int user = 0; user < 60; user++) {
            String first = http.postJson("/v2/models/ab/infer", ONE_ROW, "X-User", "u" + user).header("X-Model-Version");
            for (int again = 0; again < 3; again++) {
                assertThat(http.postJson("/v2/models/ab/infer", ONE_ROW, "X-User", "u" + user).header("X-Model-Version"))
                        .isEqualTo(first);
            }
            toB += first.equals(uri(v2)) ? 1 : 0;
        }
        assertThat(toB).isBetween(12, 48);

        fixture.deploy("{\"name\": \"mirror\", \"policy\": {\"type\": \"shadow\", \"model\": \"models:/" + model + "/" + v1
                + "\", \"shadow\": \"models:/" + model + "/" + v2 + "\", \"percent\": 100}}");
        for (int i = 0; i < 40; i++) {
            HttpResult result = http.postJson("/v2/models/mirror/infer", ONE_ROW);
            assertThat(result.status()).isEqualTo(200);
            assertThat(result.header("X-Model-Version")).isEqualTo(uri(v1));
        }
        String agreed = "sextant_inference_shadow_comparisons_total{deployment=\"mirror\",result=\"agreed\",slot=\"shadow\"";
        String metrics = "";
        for (int attempt = 0; attempt < 50 && !metrics.contains(agreed); attempt++) {
            Thread.sleep(100);
            metrics = http.get("/metrics").body();
        }
        assertThat(metrics).contains(agreed);
        assertThat(metrics).doesNotContainPattern("result=\"disagreed\",slot=\"shadow\",version=\"[^\"]+\"} [1-9]");
    }

    @Test
    void aServedVersionCannotBeDeletedAndLineageShowsTheDeployment() {
        fixture.deploy("{\"name\": \"held\", \"model\": \"models:/" + model + "/" + v1 + "\"}");
        HttpResult delete = http.send("DELETE", "/api/v1/models/" + model + "/versions/" + v1,
                java.net.http.HttpRequest.BodyPublishers.noBody());
        assertThat(delete.status()).isEqualTo(409);
        assertThat(delete.json().path("detail").asText()).contains("deployment").contains("'held'");
        JsonNode lineage = http.get("/api/v1/lineage/upstream?model_uri=models:/" + model + "/" + v1).json();
        assertThat(lineage.path("edges").toString()).contains("deployment:held").contains("serves");
        assertThat(http.send("DELETE", ServingFixture.DEPLOYMENTS + "/held",
                java.net.http.HttpRequest.BodyPublishers.noBody()).status()).isEqualTo(204);
        assertThat(http.postJson("/v2/models/held/infer", ONE_ROW).status()).isEqualTo(404);
    }

    private static String uri(long version) {
        return "models:/" + model + "/" + version;
    }
}
