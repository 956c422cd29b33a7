package dev.sextant.server.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.Http;
import dev.sextant.server.HttpResult;
import dev.sextant.server.ModelPackages;
import java.util.concurrent.atomic.AtomicInteger;

/** Registers real model packages through the MLflow API and manages deployments through the native API. */
final class ServingFixture {
    static final String MLFLOW = "/api/2.0/mlflow";
    static final String DEPLOYMENTS = "/api/v1/deployments";
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final Http http;

    ServingFixture(Http http) {
        this.http = http;
    }

    /** A new registered model; returns its name. */
    String model(String prefix) {
        String name = prefix + "-" + NAMES.incrementAndGet();
        ok(http.postJson(MLFLOW + "/registered-models/create", "{\"name\": \"" + name + "\"}"));
        return name;
    }

    /** Registers {@code onnx} as the next version of {@code model}; returns the version number. */
    long register(String model, byte[] onnx, boolean signature) {
        String experiment = ok(http.postJson(MLFLOW + "/experiments/create", "{\"name\": \"exp-"
                + NAMES.incrementAndGet() + "\"}")).json().path("experiment_id").asText();
        JsonNode info = ok(http.postJson(MLFLOW + "/runs/create", "{\"experiment_id\": \"" + experiment + "\"}"))
                .json().path("run").path("info");
        String runId = info.path("run_id").asText();
        ModelPackages.upload(http, info.path("artifact_uri").asText(), "model",
                ModelPackages.files(runId, signature, onnx));
        HttpResult created = ok(http.postJson(MLFLOW + "/model-versions/create", "{\"name\": \"" + model
                + "\", \"source\": \"runs:/" + runId + "/model\"}"));
        return created.json().path("model_version").path("version").asLong();
    }

    long registerLogreg(String model) {
        return register(model, ModelPackages.sharedModel("logreg_iris.onnx"), true);
    }

    /** The same logistic regression in a package with another digest (no signature in its MLmodel). */
    long registerLogregVariant(String model) {
        return register(model, ModelPackages.sharedModel("logreg_iris.onnx"), false);
    }

    void alias(String model, String alias, long version) {
        ok(http.postJson(MLFLOW + "/registered-models/alias", "{\"name\": \"" + model + "\", \"alias\": \"" + alias
                + "\", \"version\": \"" + version + "\"}"));
    }

    JsonNode deploy(String specJson) {
        HttpResult created = http.postJson(DEPLOYMENTS, specJson);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    JsonNode patch(String name, String patchJson) {
        return ok(http.sendJson("PATCH", DEPLOYMENTS + "/" + name, patchJson)).json();
    }

    JsonNode get(String name) {
        return ok(http.get(DEPLOYMENTS + "/" + name)).json();
    }

    /** OIP infer with {@code rows} rows of two features. */
    HttpResult infer(String name, float[][] rows, String... headers) {
        return http.postJson("/v2/models/" + name + "/infer", inferBody(rows), headers);
    }

    static String inferBody(float[][] rows) {
        StringBuilder data = new StringBuilder();
        for (float[] row : rows) {
            for (float value : row) {
                data.append(data.isEmpty() ? "" : ",").append(value);
            }
        }
        return "{\"inputs\": [{\"name\": \"X\", \"shape\": [" + rows.length + ", 2], \"datatype\": \"FP32\", \"data\": ["
                + data + "]}]}";
    }

    static HttpResult ok(HttpResult result) {
        assertThat(result.status()).as(result.body()).isBetween(200, 299);
        return result;
    }
}
