package dev.sextant.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.server.HttpResult;
import dev.sextant.server.ServerTest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HEAD on a real server where GET streams its body: GET's status and headers without a body, and
 * without a Content-Length that GET does not send; where GET's length is known, HEAD keeps it.
 */
class HeadResponseIT extends ServerTest {
    private static final String MLFLOW = "/api/2.0/mlflow";
    /** Enough points that GET's history outgrows the server's buffers and goes out chunked. */
    private static final int POINTS = 20_000;

    private static String runId;

    @BeforeAll
    static void logALongHistory() {
        runId = http.postJson(MLFLOW + "/runs/create", "{}").json().get("run").get("info").get("run_id").textValue();
        StringBuilder batch = new StringBuilder(80_000);
        for (int offset = 0; offset < POINTS; offset += 1000) {
            batch.setLength(0);
            batch.append("{\"run_id\":\"").append(runId).append("\",\"metrics\":[");
            for (int i = 0; i < 1000; i++) {
                long step = offset + i;
                batch.append(i == 0 ? "" : ",").append("{\"key\":\"loss\",\"value\":").append(1.0 / (step + 1))
                        .append(",\"timestamp\":").append(step).append(",\"step\":").append(step).append('}');
            }
            batch.append("]}");
            HttpResult logged = http.postJson(MLFLOW + "/runs/log-batch", batch.toString());
            assertThat(logged.status()).as(logged.body()).isEqualTo(200);
        }
    }

    @Test
    void headOnAStreamedHistoryHasGetsHeadersWithoutALength() {
        for (String path : new String[] {MLFLOW + "/metrics/get-history?run_id=" + runId + "&metric_key=loss",
                "/api/v1/runs/" + runId + "/metrics/loss/history"}) {
            HttpResult get = http.get(path);
            assertThat(get.status()).as(path).isEqualTo(200);
            assertThat(get.header("Content-Length")).as("GET " + path + " streams").isEmpty();
            assertThat(get.header("Transfer-Encoding")).as("GET " + path).isEqualTo("chunked");
            assertThat(get.body()).contains("\"step\":" + (POINTS - 1));

            HttpResult head = head(path);
            assertThat(head.status()).as("HEAD " + path).isEqualTo(get.status());
            assertThat(head.header("Content-Type")).as("HEAD " + path).isEqualTo(get.header("Content-Type"));
            assertThat(head.header("Content-Length")).as("HEAD " + path).isEmpty();
            assertThat(head.header("Transfer-Encoding")).as("HEAD " + path).isEqualTo("chunked");
            assertThat(head.header("X-Request-Id")).as("HEAD " + path).isNotBlank();
            assertThat(head.body()).as("HEAD " + path).isEmpty();
        }
        // The connection a streamed HEAD closed does not disturb the client's next requests.
        assertThat(http.get(MLFLOW + "/runs/get?run_id=" + runId).status()).isEqualTo(200);
        assertThat(head(MLFLOW + "/runs/get?run_id=" + runId).status()).isEqualTo(200);
    }

    @Test
    void headOnAStreamedHistoryOfAnUnknownRunIsGets404() {
        String path = "/api/v1/runs/ffffffffffffffffffffffffffffffff/metrics/loss/history";
        HttpResult get = http.get(path);
        HttpResult head = head(path);

        assertThat(get.status()).isEqualTo(404);
        assertThat(head.status()).isEqualTo(404);
        assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void headOnADownloadKeepsTheLengthGetDeclares() {
        byte[] bytes = "a,b\n".repeat(50_000).getBytes(StandardCharsets.UTF_8);
        String path = "/api/2.0/mlflow-artifacts/artifacts/head/" + runId + "/data.csv";
        HttpResult put = http.send("PUT", path, BodyPublishers.ofByteArray(bytes));
        assertThat(put.status()).as(put.body()).isEqualTo(200);

        HttpResult get = http.get(path);
        HttpResult head = head(path);

        assertThat(get.header("Content-Length")).isEqualTo(String.valueOf(bytes.length));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(bytes.length));
        assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
        assertThat(head.header("Content-Disposition")).isEqualTo(get.header("Content-Disposition"));
        assertThat(head.header("Transfer-Encoding")).isEmpty();
        assertThat(head.body()).isEmpty();
    }

    @Test
    void headOnAShortHistoryStillSendsNoBody() {
        String path = MLFLOW + "/metrics/get-history?run_id=" + runId + "&metric_key=absent";
        HttpResult get = http.get(path);
        HttpResult head = head(path);

        assertThat(get.body()).isEqualTo("{}");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
        assertThat(head.body()).isEmpty();
    }

    private static HttpResult head(String path) {
        return http.send("HEAD", path, BodyPublishers.noBody());
    }
}
