package dev.sextant.server.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.data.read.Dataset;
import dev.sextant.data.read.TableReader;
import dev.sextant.registry.packaging.PackageFiles;
import dev.sextant.server.Http;
import dev.sextant.server.HttpResult;
import dev.sextant.server.ModelPackages;
import dev.sextant.training.TabularTrainer;
import dev.sextant.training.TrainingOptions;
import dev.sextant.training.TrainingOutcome;
import dev.sextant.training.TrainingProgress;
import dev.sextant.training.models.Hyperparameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Models of the shared weather data, trained with the platform's trainer, logged to a run over
 * MLflow's REST API and registered over the native API, as {@code sextant train --register} does.
 */
final class WeatherModels {
    static final Hyperparameters SMALL = new Hyperparameters(10, 8, 5, 0.5);
    private static final AtomicInteger NAMES = new AtomicInteger();

    private WeatherModels() {
    }

    static Path data(String file) {
        return ModelPackages.shared().resolve("data").resolve(file);
    }

    static Dataset weather() {
        return new TableReader().read(data("weather.csv"));
    }

    static TrainingOutcome train(Dataset data, TrainingOptions options) {
        return new TabularTrainer().train(data, options, TrainingProgress.NONE);
    }

    static TrainingOutcome classifier(Dataset data, String algorithm) {
        return train(data, TrainingOptions.of("weather").withAlgorithm(algorithm).withHyperparameters(SMALL));
    }

    static String unique(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
    }

    /** Logs the model to a new run and registers it as the next version of {@code model}; returns the version. */
    static long register(Http http, String model, TrainingOutcome outcome, String... auth) {
        String experiment = ok(http.postJson("/api/2.0/mlflow/experiments/create", "{\"name\": \"" + unique("exp")
                + "\"}", auth)).path("experiment_id").asText();
        JsonNode info = ok(http.postJson("/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"" + experiment + "\"}",
                auth)).path("run").path("info");
        String runId = info.path("run_id").asText();
        String root = info.path("artifact_uri").asText().replaceFirst("^mlflow-artifacts:/+", "");
        PackageFiles files = outcome.modelPackage(Instant.parse("2025-01-01T00:00:00Z"), runId);
        for (String path : files.paths()) {
            HttpResult put = http.send("PUT", "/api/2.0/mlflow-artifacts/artifacts/" + root + "/model/" + path,
                    BodyPublishers.ofByteArray(files.content(path)), auth);
            assertThat(put.status()).as("upload %s: %s", path, put.body()).isEqualTo(200);
        }
        return ok(http.postJson("/api/v1/models/" + model + "/versions", "{\"source\": \"runs:/" + runId + "/model\"}",
                auth)).path("version").asLong();
    }

    static JsonNode ok(HttpResult result) {
        assertThat(result.status()).as(result.body()).isLessThan(300);
        return result.json();
    }

    /** The CSV text of the header and the given rows (0-based) of a shared data file. */
    static String rows(Path file, int[] rows) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>();
            out.add(lines.getFirst());
            for (int row : rows) {
                out.add(lines.get(row + 1));
            }
            return String.join("\n", out) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An evaluation request body with the holdout inline. */
    static String evaluation(String csv, String target, List<String> slices, List<String> perturbations, String compareWith) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", Map.of("name", "holdout.csv", "content", csv));
        body.put("target", target);
        body.put("slices", slices);
        body.put("perturbations", perturbations);
        body.put("latency_rows", 50);
        body.put("compare_with", compareWith);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
