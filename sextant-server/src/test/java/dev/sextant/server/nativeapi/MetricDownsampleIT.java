package dev.sextant.server.nativeapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.HttpResult;
import dev.sextant.server.ServerTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/runs/{id}/metrics/{key}/downsampled} over HTTP against the real store. */
class MetricDownsampleIT extends ServerTest {
    private static final int POINTS = 20_000;
    private static final int SPIKE = 13_579;

    static String runId;

    @BeforeAll
    static void start() {
        String experiment = http.postJson("/api/v1/experiments", "{\"name\": \"downsampling\"}").json()
                .path("experiment_id").asText();
        runId = http.postJson("/api/v1/runs", "{\"experiment_id\": \"" + experiment + "\"}").json().path("run_id").asText();
        for (int from = 0; from < POINTS; from += 500) {
            StringBuilder body = new StringBuilder("{\"metrics\": [");
            for (int step = from; step < from + 500; step++) {
                double value = step == SPIKE ? 100.0 : Math.sin(step / 300.0);
                body.append(step == from ? "" : ",").append("{\"key\": \"train/loss\", \"value\": ").append(value)
                        .append(", \"timestamp\": ").append(1_700_000_000_000L + step).append(", \"step\": ")
                        .append(step).append('}');
            }
            if (from % 1_000 == 0) { // an odd metric: one NaN point per thousand steps
                body.append(", {\"key\": \"odd\", \"value\": \"NaN\", \"step\": ").append(from).append('}');
            }
            body.append("]}");
            HttpResult logged = http.postJson("/api/v1/runs/" + runId + "/batch", body.toString());
            assertThat(logged.status()).as(logged.body()).isEqualTo(204);
        }
    }

    private static JsonNode get(String key, String query) {
        HttpResult result = http.get("/api/v1/runs/" + runId + "/metrics/" + key + "/downsampled" + query);
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        return result.json();
    }

    @Test
    void aLongHistoryIsReducedToTheBudgetKeepingItsEndsAndItsSpike() {
        JsonNode series = get("train/loss", "?max_points=200");

        assertThat(series.path("key").asText()).isEqualTo("train/loss");
        assertThat(series.path("total_points").asLong()).isEqualTo(POINTS);
        assertThat(series.path("downsampled").asBoolean()).isTrue();
        List<Long> steps = longs(series.path("steps"));
        assertThat(steps).hasSizeBetween(50, 200).startsWith(0L).endsWith((long) POINTS - 1).contains((long) SPIKE)
                .isSorted();
        assertThat(series.path("values")).hasSize(steps.size());
        assertThat(series.path("timestamps")).hasSize(steps.size());
        int spikeAt = steps.indexOf((long) SPIKE);
        assertThat(series.path("values").get(spikeAt).asDouble()).isEqualTo(100.0);
        assertThat(series.path("timestamps").get(spikeAt).asLong()).isEqualTo(1_700_000_000_000L + SPIKE);
    }

    @Test
    void withoutABudgetAThousandPointsAtMost() {
        JsonNode series = get("train/loss", "");
        assertThat(series.path("steps").size()).isBetween(250, 1_000);
    }

    @Test
    void aShortHistoryComesBackWholeWithNonFiniteValuesAsStrings() {
        JsonNode series = get("odd", "?max_points=50");

        assertThat(series.path("downsampled").asBoolean()).isFalse();
        assertThat(series.path("total_points").asLong()).isEqualTo(POINTS / 1_000);
        assertThat(series.path("values").get(0).asText()).isEqualTo("NaN");
        assertThat(longs(series.path("steps"))).containsExactly(0L, 1_000L, 2_000L, 3_000L, 4_000L, 5_000L, 6_000L,
                7_000L, 8_000L, 9_000L, 10_000L, 11_000L, 12_000L, 13_000L, 14_000L, 15_000L, 16_000L, 17_000L,
                18_000L, 19_000L);
    }

    @Test
    void anUnknownKeyIsAnEmptySeries() {
        JsonNode series = get("never-logged", "?max_points=10");
        assertThat(series.path("total_points").asLong()).isZero();
        assertThat(series.path("steps")).isEmpty();
    }

    @Test
    void mistakesAreClientErrorsThatSayWhatToDo() {
        HttpResult tooFew = http.get("/api/v1/runs/" + runId + "/metrics/train/loss/downsampled?max_points=5");
        assertThat(tooFew.status()).isEqualTo(400);
        assertThat(tooFew.json().path("detail").asText()).contains("max_points must be between 10 and 100000, got 5");

        HttpResult notANumber = http.get("/api/v1/runs/" + runId + "/metrics/train/loss/downsampled?max_points=lots");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().path("code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");

        HttpResult huge = http.get("/api/v1/runs/" + runId + "/metrics/train/loss/downsampled?max_points=99999999999");
        assertThat(huge.status()).isEqualTo(400);

        HttpResult noRun = http.get("/api/v1/runs/0123456789abcdef0123456789abcdef/metrics/x/downsampled");
        assertThat(noRun.status()).isEqualTo(404);
        assertThat(noRun.header("Content-Type")).isEqualTo("application/problem+json");
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asLong()));
        return values;
    }
}
