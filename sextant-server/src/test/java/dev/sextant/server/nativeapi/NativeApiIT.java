package dev.sextant.server.nativeapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.HttpResult;
import dev.sextant.server.ServerTest;
import java.net.http.HttpRequest.BodyPublishers;
import org.junit.jupiter.api.Test;

class NativeApiIT extends ServerTest {
    private static final String V1 = "/api/v1";

    private static JsonNode createExperiment(String name) {
        HttpResult created = http.postJson(V1 + "/experiments", "{\"name\":\"" + name + "\",\"tags\":{\"team\":\"ml\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private static JsonNode createRun(String body) {
        HttpResult created = http.postJson(V1 + "/runs", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(V1 + "/runs/" + created.json().get("run_id").textValue());
        return created.json();
    }

    private static void assertProblem(HttpResult result, int status, String code) {
        assertThat(result.status()).as(result.body()).isEqualTo(status);
        assertThat(result.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = result.json();
        assertThat(problem.get("status").intValue()).isEqualTo(status);
        assertThat(problem.get("code").textValue()).isEqualTo(code);
        assertThat(problem.get("type").textValue()).startsWith("https://sextant.dev/problems/");
        assertThat(problem.get("title").textValue()).isNotBlank();
        assertThat(problem.get("detail").textValue()).isNotBlank();
        assertThat(problem.get("request_id").textValue()).isEqualTo(result.header("X-Request-Id"));
    }

    @Test
    void experimentLifecycle() {
        JsonNode experiment = createExperiment("native-exp");
        String id = experiment.get("experiment_id").textValue();
        assertThat(experiment.get("tags").get("team").textValue()).isEqualTo("ml");
        assertThat(experiment.get("lifecycle_stage").textValue()).isEqualTo("active");

        assertThat(http.get(V1 + "/experiments/" + id).json().get("name").textValue()).isEqualTo("native-exp");
        assertThat(http.get(V1 + "/experiments/by-name/native-exp").json().get("experiment_id").textValue())
                .isEqualTo(id);
        assertThat(http.sendJson("PATCH", V1 + "/experiments/" + id, "{\"name\":\"native-renamed\"}").json()
                .get("name").textValue()).isEqualTo("native-renamed");
        assertThat(http.sendJson("PUT", V1 + "/experiments/" + id + "/tags/stage/env", "{\"value\":\"prod\"}").status())
                .isEqualTo(204);
        assertThat(http.get(V1 + "/experiments/" + id).json().get("tags").get("stage/env").textValue())
                .isEqualTo("prod");
        assertThat(http.send("DELETE", V1 + "/experiments/" + id + "/tags/stage/env", BodyPublishers.noBody()).status())
                .isEqualTo(204);
        assertThat(http.send("DELETE", V1 + "/experiments/" + id, BodyPublishers.noBody()).status()).isEqualTo(204);
        assertThat(http.get(V1 + "/experiments?view=deleted_only").json().get("experiments"))
                .anySatisfy(e -> assertThat(e.get("experiment_id").textValue()).isEqualTo(id));
        assertThat(http.postJson(V1 + "/experiments/" + id + "/restore", "").json().get("lifecycle_stage").textValue())
                .isEqualTo("active");
    }

    @Test
    void experimentSearchPages() {
        for (int i = 0; i < 3; i++) {
            createExperiment("native-page-" + i);
        }

        HttpResult first = http.get(V1 + "/experiments?filter=name%20LIKE%20%27native-page-%25%27&max_results=2"
                + "&order_by=name%20ASC");
        String token = first.json().get("next_page_token").textValue();
        HttpResult second = http.get(V1 + "/experiments?filter=name%20LIKE%20%27native-page-%25%27&max_results=2"
                + "&order_by=name%20ASC&page_token=" + token);

        assertThat(first.json().get("experiments")).hasSize(2);
        assertThat(second.json().get("experiments")).extracting(e -> e.get("name").textValue())
                .containsExactly("native-page-2");
        assertThat(second.json().has("next_page_token")).isFalse();
    }

    @Test
    void runCreationRecordsSourceAndServerEnvironment() {
        JsonNode run = createRun("{\"run_name\":\"prov\",\"tags\":{\"team\":\"a\"},\"source\":{\"git_commit\":\"abc123\","
                + "\"git_branch\":\"main\",\"git_repo_url\":\"https://git.example/repo.git\",\"entry_point\":\"train.py\"}}");

        JsonNode tags = run.get("tags");
        assertThat(tags.get("mlflow.source.git.commit").textValue()).isEqualTo("abc123");
        assertThat(tags.get("mlflow.source.git.branch").textValue()).isEqualTo("main");
        assertThat(tags.get("mlflow.source.git.repoURL").textValue()).isEqualTo("https://git.example/repo.git");
        assertThat(tags.get("mlflow.source.name").textValue()).isEqualTo("train.py");
        assertThat(tags.get("sextant.env.java_version").textValue()).isEqualTo(System.getProperty("java.version"));
        assertThat(tags.get("sextant.env.os").textValue()).startsWith(System.getProperty("os.name"));
        assertThat(tags.get("sextant.version").textValue()).isNotBlank();
        assertThat(tags.get("team").textValue()).isEqualTo("a");
        assertThat(run.get("experiment_id").textValue()).isEqualTo("0");
        assertThat(run.get("end_time").isNull()).isTrue();
        assertThat(run.get("metrics")).isEmpty();
        assertThat(run.get("params").isObject()).isTrue();
    }

    @Test
    void clientEnvironmentReplacesTheServers() {
        JsonNode run = createRun("{\"environment\":{\"java_version\":\"17.0.2\",\"os\":\"Linux\","
                + "\"libraries\":{\"tribuo\":\"4.3.2\"}}}");

        JsonNode tags = run.get("tags");
        assertThat(tags.get("sextant.env.java_version").textValue()).isEqualTo("17.0.2");
        assertThat(tags.get("sextant.env.os").textValue()).isEqualTo("Linux");
        assertThat(tags.get("sextant.env.libraries.tribuo").textValue()).isEqualTo("4.3.2");
    }

    @Test
    void runLifecycleBatchHistoryAndArtifacts() {
        String id = createRun("{\"run_name\":\"batchy\"}").get("run_id").textValue();

        HttpResult batch = http.postJson(V1 + "/runs/" + id + "/batch", "{\"metrics\":["
                + "{\"key\":\"train/loss\",\"value\":0.9,\"step\":0},{\"key\":\"train/loss\",\"value\":0.4,\"step\":1},"
                + "{\"key\":\"odd\",\"value\":\"NaN\",\"timestamp\":5}],"
                + "\"params\":{\"lr\":\"0.1\"},\"tags\":{\"note\":\"x\"}}");
        assertThat(batch.status()).as(batch.body()).isEqualTo(204);

        JsonNode run = http.get(V1 + "/runs/" + id).json();
        assertThat(run.get("params").get("lr").textValue()).isEqualTo("0.1");
        assertThat(run.get("tags").get("note").textValue()).isEqualTo("x");
        assertThat(run.get("metrics")).anySatisfy(m -> {
            assertThat(m.get("key").textValue()).isEqualTo("odd");
            assertThat(m.get("value").textValue()).isEqualTo("NaN");
        });

        HttpResult history = http.get(V1 + "/runs/" + id + "/metrics/train/loss/history");
        assertThat(history.json().get("metrics")).extracting(m -> m.get("value").doubleValue()).containsExactly(0.9, 0.4);
        HttpResult paged = http.get(V1 + "/runs/" + id + "/metrics/train/loss/history?max_results=1");
        assertThat(paged.json().get("metrics")).hasSize(1);
        assertThat(paged.json().get("next_page_token").textValue()).isNotBlank();

        JsonNode finished = http.sendJson("PATCH", V1 + "/runs/" + id, "{\"status\":\"FINISHED\"}").json();
        assertThat(finished.get("status").textValue()).isEqualTo("FINISHED");
        assertThat(finished.get("end_time").isIntegralNumber()).isTrue();

        String root = finished.get("artifact_uri").textValue().substring("mlflow-artifacts:/".length());
        http.send("PUT", "/api/2.0/mlflow-artifacts/artifacts/" + root + "/model.onnx", BodyPublishers.ofString("m"));
        JsonNode files = http.get(V1 + "/runs/" + id + "/artifacts").json();
        assertThat(files.get("files").get(0).get("path").textValue()).isEqualTo("model.onnx");
        assertThat(files.get("files").get(0).get("file_size").longValue()).isEqualTo(1);

        assertThat(http.send("DELETE", V1 + "/runs/" + id, BodyPublishers.noBody()).status()).isEqualTo(204);
        assertThat(http.get(V1 + "/runs?experiment_id=0&view=deleted_only").json().get("runs"))
                .anySatisfy(r -> assertThat(r.get("run_id").textValue()).isEqualTo(id));
        assertThat(http.postJson(V1 + "/runs/" + id + "/restore", "").json().get("lifecycle_stage").textValue())
                .isEqualTo("active");
    }

    @Test
    void errorsAreProblemDetails() {
        assertProblem(http.get(V1 + "/experiments/987654"), 404, "RESOURCE_DOES_NOT_EXIST");
        assertProblem(http.postJson(V1 + "/experiments", "{}"), 400, "INVALID_PARAMETER_VALUE");
        assertProblem(http.postJson(V1 + "/experiments", "{oops"), 400, "INVALID_PARAMETER_VALUE");
        assertProblem(http.send("POST", V1 + "/experiments", BodyPublishers.ofString("name=x"),
                "Content-Type", "application/x-www-form-urlencoded"), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(http.send("PUT", V1 + "/experiments", BodyPublishers.noBody()), 405, "METHOD_NOT_ALLOWED");
        assertProblem(http.get(V1 + "/nothing"), 404, "ENDPOINT_NOT_FOUND");
        assertProblem(http.get(V1 + "/runs?page_token=garbage"), 400, "INVALID_PARAMETER_VALUE");
        createExperiment("native-dup");
        assertProblem(http.postJson(V1 + "/experiments", "{\"name\":\"native-dup\"}"), 400, "RESOURCE_ALREADY_EXISTS");
    }

    @Test
    void openApiDocumentIsServed() {
        HttpResult document = http.get("/openapi.json");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().get("openapi").textValue()).isEqualTo("3.1.0");
        assertThat(document.json().get("paths").has("/api/v1/runs/{id}/batch")).isTrue();
    }
}
