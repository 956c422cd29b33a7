package dev.sextant.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import javax.imageio.ImageIO;

/** Data for the web UI tests, written through the MLflow REST API like any client would. */
final class UiData {
    static final long START = 1_700_000_000_000L;

    private final Http http;

    UiData(Http http) {
        this.http = http;
    }

    String experiment(String name) {
        return http.mlflowPost("experiments/create", Http.object().put("name", name)).path("experiment_id").asText();
    }

    /** Creates a run; returns its run_info. */
    JsonNode run(String experimentId, String name, long startTime) {
        return http.mlflowPost("runs/create", Http.object().put("experiment_id", experimentId).put("run_name", name)
                .put("start_time", startTime)).path("run").path("info");
    }

    void finish(String runId, long endTime) {
        http.mlflowPost("runs/update", Http.object().put("run_id", runId).put("status", "FINISHED")
                .put("end_time", endTime));
    }

    /** One log-batch: metrics as (key, step, value) triples, params and tags as maps. */
    void log(String runId, List<Point> metrics, Map<String, String> params, Map<String, String> tags) {
        ObjectNode body = Http.object().put("run_id", runId);
        ArrayNode metricArray = body.putArray("metrics");
        for (Point point : metrics) {
            metricArray.addObject().put("key", point.key()).put("value", point.value())
                    .put("timestamp", START + point.step()).put("step", point.step());
        }
        ArrayNode paramArray = body.putArray("params");
        params.forEach((key, value) -> paramArray.addObject().put("key", key).put("value", value));
        ArrayNode tagArray = body.putArray("tags");
        tags.forEach((key, value) -> tagArray.addObject().put("key", key).put("value", value));
        http.mlflowPost("runs/log-batch", body);
    }

    /** Records that the run read a dataset version (MLflow's log-inputs). */
    void logDataset(String runId, String name, String digest, String context) {
        ObjectNode body = Http.object().put("run_id", runId);
        ObjectNode input = body.putArray("datasets").addObject();
        input.putArray("tags").addObject().put("key", "mlflow.data.context").put("value", context);
        input.putObject("dataset").put("name", name).put("digest", digest).put("source_type", "local")
                .put("source", "{\"uri\": \"" + name + ".csv\"}");
        http.mlflowPost("runs/log-inputs", body);
    }

    void createModel(String name, String description) {
        created(http.postJson("/api/v1/models", Http.object().put("name", name).put("description", description)));
    }

    /** Registers the model package a run logged under {@code path}; the server reads and digests it. */
    void registerVersion(String name, String runId, String path) {
        created(http.postJson("/api/v1/models/" + name + "/versions", Http.object()
                .put("source", "runs:/" + runId + "/" + path).put("run_id", runId)));
    }

    /**
     * Logs {@code logreg_iris.onnx} from a run of its own and registers it as the next version of
     * {@code model}; with and without its MLmodel signature the packages differ, so two calls give
     * two versions with different digests that answer alike.
     */
    void registerIris(String model, boolean signature) {
        String experimentId = experiment(model + "-" + signature);
        JsonNode run = http.mlflowPost("runs/create", Http.object().put("experiment_id", experimentId)).path("run")
                .path("info");
        String runId = run.path("run_id").asText();
        LoggedModels.log(http, runId, run.path("artifact_uri").asText(), "model", "logreg_iris.onnx", signature);
        registerVersion(model, runId, "model");
    }

    /**
     * Creates {@code model} with two versions of the iris logistic regression in different
     * packages (with and without a signature): versions 1 and 2, which answer alike.
     */
    void irisWithTwoVersions(String model) {
        createModel(model, "iris logistic regression");
        registerIris(model, true);
        registerIris(model, false);
    }

    /** Creates a deployment from its JSON spec. */
    void deploy(String spec) {
        created(http.postJson("/api/v1/deployments", spec));
    }

    void transition(String name, int version, String stage) {
        ok(http.send("PATCH", "/api/v1/models/" + name + "/versions/" + version, "application/json",
                Http.write(Http.object().put("stage", stage)).getBytes(StandardCharsets.UTF_8)));
    }

    void setAlias(String name, String alias, int version) {
        ok(http.send("PUT", "/api/v1/models/" + name + "/aliases/" + alias, "application/json",
                Http.write(Http.object().put("version", version)).getBytes(StandardCharsets.UTF_8)));
    }

    private static void created(Http.Response response) {
        if (response.status() != 201 && response.status() != 200) {
            throw new AssertionError("expected 201, got " + response);
        }
    }

    private static void ok(Http.Response response) {
        if (response.status() != 200 && response.status() != 204) {
            throw new AssertionError("expected 200, got " + response);
        }
    }

    record Point(String key, long step, double value) {
    }

    /** Uploads a file under a run's artifact root through the artifact proxy. */
    void upload(JsonNode runInfo, String path, byte[] content) {
        String root = runInfo.path("artifact_uri").asText().replaceFirst("^mlflow-artifacts:/*", "");
        Http.Response response = http.send("PUT", Http.ARTIFACTS + "/" + root + "/" + path, "application/octet-stream",
                content);
        if (response.status() != 200) {
            throw new AssertionError("upload of " + path + " answered " + response);
        }
    }

    /** Runs {@code task(i)} for i in [0, count) on a few threads; returns the results in order. */
    static <T> List<T> parallel(int count, int threads, IntFunction<T> task) {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.apply(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (Exception e) {
            throw new IllegalStateException("seeding failed", e);
        }
    }

    /** A small PNG: left half red, right half blue. */
    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.RED);
        graphics.fillRect(0, 0, width / 2, height);
        graphics.setColor(Color.BLUE);
        graphics.fillRect(width / 2, 0, width - width / 2, height);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A file from the shared folder beside the repository ({@code ../shared}). */
    static byte[] shared(String relative) {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolveSibling("shared").resolve("models"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("No shared/ folder beside the repository (looked up from "
                    + System.getProperty("user.dir") + ")");
        }
        try {
            return Files.readAllBytes(dir.resolveSibling("shared").resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
