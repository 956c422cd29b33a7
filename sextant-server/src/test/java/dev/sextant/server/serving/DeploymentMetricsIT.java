package dev.sextant.server.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.HttpResult;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/deployments/{name}/metrics}: what the server counted per slot and version,
 * as the web UI charts it: requests by outcome, a cumulative latency histogram, shadow agreement.
 */
class DeploymentMetricsIT extends TwoVersionServerTest {
    private static final String ONE_ROW = ServingFixture.inferBody(new float[][] {{5.1f, 3.5f}});
    private static final String WRONG_INPUT = "{\"inputs\": [{\"name\": \"X\", \"shape\": [1, 3], \"datatype\": \"FP32\","
            + " \"data\": [1, 2, 3]}]}";

    @Test
    void countsRequestsLatencyAndShadowAgreementPerSlot() throws Exception {
        fixture.deploy("{\"name\": \"metered\", \"policy\": {\"type\": \"shadow\", \"model\": \"models:/" + model + "/" + v1
                + "\", \"shadow\": \"models:/" + model + "/" + v2 + "\", \"percent\": 100}}");
        // Loaded and counting from zero before the first request.
        Map<String, JsonNode> loaded = bySlot(metrics("metered"));
        assertThat(loaded.keySet()).containsExactlyInAnyOrder("primary", "shadow");
        assertThat(loaded.get("primary").path("requests").path("ok").asLong()).isZero();
        for (int i = 0; i < 25; i++) {
            assertThat(http.postJson("/v2/models/metered/infer", ONE_ROW).status()).isEqualTo(200);
        }
        HttpResult refused = http.postJson("/v2/models/metered/infer", WRONG_INPUT);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);

        Map<String, JsonNode> slots = bySlot(metrics("metered"));
        for (int attempt = 0; attempt < 50 && slots.getOrDefault("shadow", HttpResult.parse("{}"))
                .path("shadow").path("agreed").asLong() < 25; attempt++) {
            Thread.sleep(100);
            slots = bySlot(metrics("metered"));
        }
        JsonNode primary = slots.get("primary");
        assertThat(primary.path("version").asText()).isEqualTo("models:/" + model + "/" + v1);
        assertThat(primary.path("requests").path("ok").asLong()).isEqualTo(25);
        assertThat(primary.path("requests").path("client_error").asLong()).isEqualTo(1);
        assertThat(primary.path("requests").path("error").asLong()).isZero();
        JsonNode latency = primary.path("latency");
        assertThat(latency.path("count").asLong()).isEqualTo(26);
        assertThat(latency.path("sum_seconds").asDouble()).isPositive();
        assertThat(latency.path("max_seconds").asDouble()).isLessThanOrEqualTo(latency.path("sum_seconds").asDouble());
        // Cumulative: counts never fall as the bounds grow, and the largest bound holds every request.
        long previous = 0;
        double bound = 0;
        for (JsonNode bucket : latency.path("buckets")) {
            assertThat(bucket.path("le_seconds").asDouble()).isGreaterThan(bound);
            assertThat(bucket.path("count").asLong()).isGreaterThanOrEqualTo(previous);
            bound = bucket.path("le_seconds").asDouble();
            previous = bucket.path("count").asLong();
        }
        assertThat(previous).isEqualTo(26);
        // The same model in both slots: every mirrored request agreed.
        JsonNode shadow = slots.get("shadow");
        assertThat(shadow.path("version").asText()).isEqualTo("models:/" + model + "/" + v2);
        assertThat(shadow.path("shadow").path("agreed").asLong()).isEqualTo(25);
        assertThat(shadow.path("shadow").path("disagreed").asLong()).isZero();
    }

    @Test
    void anUnknownDeploymentIs404() {
        HttpResult missing = http.get(ServingFixture.DEPLOYMENTS + "/nowhere/metrics");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("detail").asText()).contains("nowhere");
    }

    private static JsonNode metrics(String name) {
        return ServingFixture.ok(http.get(ServingFixture.DEPLOYMENTS + "/" + name + "/metrics")).json();
    }

    private static Map<String, JsonNode> bySlot(JsonNode metrics) {
        Map<String, JsonNode> slots = new HashMap<>();
        metrics.path("slots").forEach(slot -> slots.put(slot.path("slot").asText(), slot));
        return slots;
    }
}
