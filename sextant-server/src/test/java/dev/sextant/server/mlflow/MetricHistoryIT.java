package dev.sextant.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.HttpResult;
import dev.sextant.server.ServerTest;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MetricHistoryIT extends ServerTest {
    private static final String API = "/api/2.0/mlflow";
    private static final int MILLION = 1_000_000;

    static String runId;

    @BeforeAll
    static void start() {
        runId = http.postJson(API + "/runs/create", "{}").json().get("run").get("info").get("run_id").textValue();
        for (int step = 0; step < 25; step++) {
            http.postJson(API + "/runs/log-metric", "{\"run_id\":\"" + runId + "\",\"key\":\"loss\",\"value\":"
                    + (1.0 / (step + 1)) + ",\"timestamp\":" + (1000 + step) + ",\"step\":" + step + "}");
        }
    }

    @Test
    void pagedHistoryFollowsTokens() {
        List<Long> steps = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            HttpResult page = http.get(API + "/metrics/get-history?run_id=" + runId + "&metric_key=loss&max_results=10"
                    + (token.isEmpty() ? "" : "&page_token=" + token));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("metrics").forEach(m -> {
                assertThat(m.get("key").textValue()).isEqualTo("loss");
                assertThat(m.get("timestamp").isIntegralNumber()).isTrue();
                steps.add(m.get("step").longValue());
            });
            token = page.json().has("next_page_token") ? page.json().get("next_page_token").textValue() : "";
            pages++;
        } while (!token.isEmpty());

        assertThat(pages).isEqualTo(3);
        assertThat(steps).hasSize(25).isSorted();
    }

    @Test
    void unsetMaxResultsReturnsEverything() {
        HttpResult all = http.get(API + "/metrics/get-history?run_uuid=" + runId + "&metric_key=loss");

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("metrics")).hasSize(25);
        assertThat(all.json().has("next_page_token")).isFalse();
    }

    @Test
    void unknownKeyHasNoMetricsField() {
        HttpResult none = http.get(API + "/metrics/get-history?run_id=" + runId + "&metric_key=absent");

        assertThat(none.status()).isEqualTo(200);
        assertThat(none.body()).isEqualTo("{}");
    }

    @Test
    void unknownRunIs404EvenWhenStreaming() {
        HttpResult missing = http.get(API + "/metrics/get-history?run_id=ffffffffffffffffffffffffffffffff&metric_key=x");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error_code").textValue()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void aMillionPointsStreamInOneResponse() throws Exception {
        String big = http.postJson(API + "/runs/create", "{}").json().get("run").get("info").get("run_id").textValue();
        StringBuilder batch = new StringBuilder(80_000);
        for (int offset = 0; offset < MILLION; offset += 1000) {
            batch.setLength(0);
            batch.append("{\"run_id\":\"").append(big).append("\",\"metrics\":[");
            for (int i = 0; i < 1000; i++) {
                long step = offset + i;
                batch.append(i == 0 ? "" : ",").append("{\"key\":\"x\",\"value\":").append(step)
                        .append(",\"timestamp\":").append(step).append(",\"step\":").append(step).append('}');
            }
            batch.append("]}");
            HttpResult logged = http.postJson(API + "/runs/log-batch", batch.toString());
            assertThat(logged.status()).as(logged.body()).isEqualTo(200);
        }

        HttpResponse<InputStream> response = http.stream(API + "/metrics/get-history?run_id=" + big + "&metric_key=x");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        long count = 0;
        long lastStep = -1;
        JsonFactory factory = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
        try (InputStream in = response.body(); JsonParser parser = factory.createParser(in)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && parser.currentName().equals("step")) {
                    parser.nextToken();
                    long step = parser.getLongValue();
                    assertThat(step).isGreaterThan(lastStep);
                    lastStep = step;
                    count++;
                }
            }
        }
        assertThat(count).isEqualTo(MILLION);
        JsonNode latest = http.get(API + "/runs/get?run_id=" + big).json().get("run").get("data").get("metrics").get(0);
        assertThat(latest.get("step").longValue()).isEqualTo(MILLION - 1);
    }
}
