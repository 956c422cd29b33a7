package dev.sextant.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.Http;
import dev.sextant.server.HttpResult;
import dev.sextant.server.ModelPackages;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** Short ways to make runs, log model packages and register them through the MLflow API, for the registry ITs. */
final class RegistryClient {
    static final String API = "/api/2.0/mlflow";
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final Http http;

    RegistryClient(Http http) {
        this.http = http;
    }

    /** A run of its own experiment; returns run_id and artifact_uri. */
    Run run(String... tags) {
        String experiment = http.postJson(API + "/experiments/create", "{\"name\": \"" + unique("exp") + "\"}").json()
                .path("experiment_id").asText();
        StringBuilder tagJson = new StringBuilder();
        for (int i = 0; i + 1 < tags.length; i += 2) {
            tagJson.append(tagJson.isEmpty() ? "" : ",").append("{\"key\": \"").append(tags[i])
                    .append("\", \"value\": \"").append(tags[i + 1]).append("\"}");
        }
        JsonNode info = http.postJson(API + "/runs/create", "{\"experiment_id\": \"" + experiment + "\", \"tags\": ["
                + tagJson + "]}").json().path("run").path("info");
        return new Run(info.path("run_id").asText(), info.path("artifact_uri").asText(), experiment);
    }

    /** A run with logreg_iris.onnx logged under {@code model/}. */
    Run runWithModel(boolean signature) {
        Run run = run();
        ModelPackages.logLogreg(http, run.runId(), run.artifactUri(), "model", signature);
        return run;
    }

    String model(String prefix) {
        String name = unique(prefix);
        ok(post("/registered-models/create", "{\"name\": \"" + name + "\"}"));
        return name;
    }

    /** Registers {@code source} as the next version of {@code name}; returns the version JSON. */
    JsonNode register(String name, String source) {
        HttpResult created = post("/model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"" + source + "\"}");
        ok(created);
        return created.json().path("model_version");
    }

    void transition(String name, String version, String stage, boolean archive) {
        ok(post("/model-versions/transition-stage", "{\"name\": \"" + name + "\", \"version\": \"" + version
                + "\", \"stage\": \"" + stage + "\", \"archive_existing_versions\": " + archive + "}"));
    }

    HttpResult post(String endpoint, String json) {
        return http.postJson(API + endpoint, json);
    }

    HttpResult send(String method, String endpoint, String json) {
        return http.sendJson(method, API + endpoint, json);
    }

    HttpResult get(String endpoint, String... params) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i + 1 < params.length; i += 2) {
            query.append(query.isEmpty() ? "?" : "&").append(params[i]).append('=')
                    .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        return http.get(API + endpoint + query);
    }

    static HttpResult ok(HttpResult result) {
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        return result;
    }

    static void assertError(HttpResult result, int status, String code, String message) {
        assertThat(result.status()).as(result.body()).isEqualTo(status);
        JsonNode body = result.json();
        assertThat(body.path("error_code").asText()).as(result.body()).isEqualTo(code);
        assertThat(body.path("message").asText()).contains(message);
    }

    static String unique(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    }

    record Run(String runId, String artifactUri, String experimentId) {
        String modelUri() {
            return "runs:/" + runId + "/model";
        }
    }
}
