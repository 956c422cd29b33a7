package dev.sextant.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.HttpResult;
import dev.sextant.server.ServerTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MlflowRunsIT extends ServerTest {
    private static final String API = "/api/2.0/mlflow";

    static String experimentId;

    @BeforeAll
    static void start() {
        experimentId = http.postJson(API + "/experiments/create", "{\"name\":\"runs\"}").json()
                .get("experiment_id").textValue();
    }

    static String createRun(String body) {
        HttpResult created = http.postJson(API + "/runs/create", body);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("run").get("info").get("run_id").textValue();
    }

    static JsonNode getRun(String runId) {
        HttpResult got = http.get(API + "/runs/get?run_id=" + runId);
        assertThat(got.status()).as(got.body()).isEqualTo(200);
        return got.json().get("run");
    }

    @Test
    void newRunHasMlflowShape() {
        HttpResult created = http.postJson(API + "/runs/create", "{\"experiment_id\":\"" + experimentId
                + "\",\"run_name\":\"first\",\"start_time\":1700000000000,\"user_id\":\"ann\"}");

        JsonNode run = created.json().get("run");
        JsonNode info = run.get("info");
        String runId = info.get("run_id").textValue();
        assertThat(runId).matches("[0-9a-f]{32}");
        assertThat(info.get("run_uuid").textValue()).isEqualTo(runId);
        assertThat(info.get("run_name").textValue()).isEqualTo("first");
        assertThat(info.get("experiment_id").textValue()).isEqualTo(experimentId);
        assertThat(info.get("user_id").textValue()).isEqualTo("ann");
        assertThat(info.get("status").textValue()).isEqualTo("RUNNING");
        assertThat(info.get("start_time").isIntegralNumber()).isTrue();
        assertThat(info.get("start_time").longValue()).isEqualTo(1_700_000_000_000L);
        assertThat(info.has("end_time")).isFalse();
        assertThat(info.get("artifact_uri").textValue())
                .isEqualTo("mlflow-artifacts:/" + experimentId + "/" + runId + "/artifacts");
        assertThat(info.get("lifecycle_stage").textValue()).isEqualTo("active");
        assertThat(run.get("data").has("metrics")).isFalse();
        assertThat(run.get("data").has("params")).isFalse();
        assertThat(run.get("data").get("tags")).anySatisfy(tag -> {
            assertThat(tag.get("key").textValue()).isEqualTo("mlflow.runName");
            assertThat(tag.get("value").textValue()).isEqualTo("first");
        });
        assertThat(run.get("inputs").isObject()).isTrue();
        assertThat(run.get("inputs").has("dataset_inputs")).isFalse();
    }

    @Test
    void loggedValuesComeBackWithRunGet() {
        String runId = createRun("{\"experiment_id\":\"" + experimentId + "\"}");

        assertThat(http.postJson(API + "/runs/log-metric", "{\"run_id\":\"" + runId
                + "\",\"key\":\"loss\",\"value\":0.5,\"timestamp\":1000,\"step\":1}").body()).isEqualTo("{}");
        assertThat(http.postJson(API + "/runs/log-parameter", "{\"run_id\":\"" + runId
                + "\",\"key\":\"lr\",\"value\":\"0.01\"}").body()).isEqualTo("{}");
        assertThat(http.postJson(API + "/runs/set-tag", "{\"run_id\":\"" + runId
                + "\",\"key\":\"owner\",\"value\":\"bo\"}").body()).isEqualTo("{}");
        assertThat(http.postJson(API + "/runs/set-tag", "{\"run_uuid\":\"" + runId
                + "\",\"key\":\"gone\",\"value\":\"x\"}").status()).isEqualTo(200);
        assertThat(http.postJson(API + "/runs/delete-tag", "{\"run_id\":\"" + runId
                + "\",\"key\":\"gone\"}").status()).isEqualTo(200);

        JsonNode data = http.get(API + "/runs/get?run_uuid=" + runId).json().get("run").get("data");
        JsonNode metric = data.get("metrics").get(0);
        assertThat(metric.get("key").textValue()).isEqualTo("loss");
        assertThat(metric.get("value").doubleValue()).isEqualTo(0.5);
        assertThat(metric.get("timestamp").isIntegralNumber()).isTrue();
        assertThat(metric.get("step").longValue()).isEqualTo(1);
        assertThat(data.get("params").get(0).get("value").textValue()).isEqualTo("0.01");
        Map<String, String> tags = tags(data);
        assertThat(tags).containsEntry("owner", "bo").doesNotContainKey("gone");
    }

    @Test
    void logBatchAcceptsNumbersAsStringsAndNonFiniteValues() {
        String runId = createRun("{\"experiment_id\":\"" + experimentId + "\"}");

        HttpResult batch = http.postJson(API + "/runs/log-batch", "{\"run_id\":\"" + runId + "\",\"metrics\":["
                + "{\"key\":\"nan\",\"value\":NaN,\"timestamp\":\"5\",\"step\":\"2\"},"
                + "{\"key\":\"inf\",\"value\":\"Infinity\",\"timestamp\":5},"
                + "{\"key\":\"ninf\",\"value\":-Infinity,\"timestamp\":5}],"
                + "\"params\":[{\"key\":\"p\",\"value\":\"1\"}],\"tags\":[{\"key\":\"t\",\"value\":\"2\"}]}");

        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        HttpResult got = http.get(API + "/runs/get?run_id=" + runId);
        assertThat(got.body()).contains("\"value\":NaN").contains("\"value\":Infinity").contains("\"value\":-Infinity");
        Map<String, JsonNode> metrics = new HashMap<>();
        got.json().get("run").get("data").get("metrics").forEach(m -> metrics.put(m.get("key").textValue(), m));
        assertThat(metrics.get("nan").get("value").doubleValue()).isNaN();
        assertThat(metrics.get("nan").get("step").longValue()).isEqualTo(2);
        assertThat(metrics.get("inf").get("value").doubleValue()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(metrics.get("ninf").get("value").doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void updateDeleteRestore() {
        String runId = createRun("{\"experiment_id\":\"" + experimentId + "\",\"run_name\":\"before\"}");

        HttpResult updated = http.postJson(API + "/runs/update", "{\"run_id\":\"" + runId
                + "\",\"status\":\"FINISHED\",\"end_time\":\"1700000001000\",\"run_name\":\"after\"}");

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        JsonNode info = updated.json().get("run_info");
        assertThat(info.get("status").textValue()).isEqualTo("FINISHED");
        assertThat(info.get("end_time").longValue()).isEqualTo(1_700_000_001_000L);
        assertThat(info.get("run_name").textValue()).isEqualTo("after");
        assertThat(tags(getRun(runId).get("data"))).containsEntry("mlflow.runName", "after");

        assertThat(http.postJson(API + "/runs/update", "{\"run_id\":\"" + runId + "\",\"status\":4}")
                .json().get("run_info").get("status").textValue()).isEqualTo("FAILED");
        assertThat(http.postJson(API + "/runs/delete", "{\"run_id\":\"" + runId + "\"}").body()).isEqualTo("{}");
        assertThat(getRun(runId).get("info").get("lifecycle_stage").textValue()).isEqualTo("deleted");
        assertThat(http.postJson(API + "/runs/restore", "{\"run_id\":\"" + runId + "\"}").status()).isEqualTo(200);
        assertThat(getRun(runId).get("info").get("lifecycle_stage").textValue()).isEqualTo("active");
    }

    @Test
    void logInputsShowUpAsDatasetInputs() {
        String runId = createRun("{\"experiment_id\":\"" + experimentId + "\"}");

        HttpResult logged = http.postJson(API + "/runs/log-inputs", "{\"run_id\":\"" + runId + "\",\"datasets\":[{"
                + "\"tags\":[{\"key\":\"mlflow.data.context\",\"value\":\"training\"}],"
                + "\"dataset\":{\"name\":\"iris\",\"digest\":\"abc123\",\"source_type\":\"local\","
                + "\"source\":\"{\\\"uri\\\":\\\"/data/iris.csv\\\"}\"}}]}");

        assertThat(logged.status()).as(logged.body()).isEqualTo(200);
        JsonNode input = getRun(runId).get("inputs").get("dataset_inputs").get(0);
        assertThat(input.get("dataset").get("name").textValue()).isEqualTo("iris");
        assertThat(input.get("dataset").get("digest").textValue()).isEqualTo("abc123");
        assertThat(input.get("dataset").has("schema")).isFalse();
        assertThat(input.get("tags").get(0).get("value").textValue()).isEqualTo("training");
    }

    @Test
    void searchFiltersAndOrders() {
        String exp = http.postJson(API + "/experiments/create", "{\"name\":\"search-runs\"}").json()
                .get("experiment_id").textValue();
        for (int i = 0; i < 3; i++) {
            String runId = createRun("{\"experiment_id\":\"" + exp + "\",\"run_name\":\"r" + i + "\"}");
            http.postJson(API + "/runs/log-metric", "{\"run_id\":\"" + runId + "\",\"key\":\"acc\",\"value\":"
                    + (0.1 * i) + ",\"timestamp\":1}");
        }

        HttpResult found = http.postJson(API + "/runs/search", "{\"experiment_ids\":[\"" + exp
                + "\"],\"filter\":\"metrics.acc > 0.05\",\"order_by\":[\"metrics.acc DESC\"]}");

        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.json().get("runs")).extracting(r -> r.get("info").get("run_name").textValue())
                .containsExactly("r2", "r1");
        assertThat(found.json().has("next_page_token")).isFalse();
        HttpResult none = http.postJson(API + "/runs/search", "{\"experiment_ids\":[\"" + exp
                + "\"],\"filter\":\"metrics.acc > 5\"}");
        assertThat(none.body()).isEqualTo("{}");
    }

    @Test
    void unknownRunIs404() {
        HttpResult missing = http.get(API + "/runs/get?run_id=0123456789abcdef0123456789abcdef");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error_code").textValue()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }

    static Map<String, String> tags(JsonNode data) {
        Map<String, String> tags = new HashMap<>();
        data.get("tags").forEach(tag -> tags.put(tag.get("key").textValue(), tag.get("value").textValue()));
        return tags;
    }
}
