package dev.sextant.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sextant train … --register} as its own process against a real server process: the run
 * carries params, holdout metrics, the dataset with its digest and provenance tags, the model
 * package sits under the run's {@code model/} artifacts, and the registry has the new version.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class TrainCliIT {
    private ServerProcess server;
    private Http http;

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        server = ServerProcess.start(dataDir);
        http = new Http(server.baseUrl());
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void trainRecordsTheRunAndRegistersAVersion() throws Exception {
        CliResult result = sextant("train", "--data", SharedData.data("seattle-weather.csv").toString(), "--target", "weather",
                "--experiment", "seattle", "--register", "weather-classifier", "--trees", "10",
                "--server", server.baseUrl(), "--output", "json");
        assertThat(result.exitCode()).as(result + "\nserver alive: " + server.isAlive() + "\n" + server.outputTail()).isZero();
        JsonNode out = Http.JSON.readTree(result.out());
        String runId = out.path("run_id").asText();
        assertThat(out.at("/model_version/version").asText()).isEqualTo("1");
        assertThat(out.path("task_reason").asText()).contains("inferred");

        JsonNode run = http.mlflowGet("runs/get?run_id=" + runId).path("run");
        assertThat(run.at("/info/status").asText()).isEqualTo("FINISHED");
        assertThat(pairs(run.at("/data/params"))).containsEntry("algorithm", "random-forest")
                .containsEntry("seed", "42").containsEntry("trees", "10").containsEntry("target", "weather");
        assertThat(pairs(run.at("/data/metrics")).keySet())
                .contains("accuracy", "precision", "recall", "f1", "roc_auc", "log_loss");
        Map<String, String> tags = pairs(run.at("/data/tags"));
        assertThat(tags).containsEntry("mlflow.source.name", "sextant train")
                .containsKeys("sextant.env.java_version", "sextant.training.columns", "sextant.dataset.sha256");
        String sha256 = tags.get("sextant.dataset.sha256");
        assertThat(sha256).isEqualTo(out.at("/dataset/sha256").asText()).hasSize(64);
        JsonNode dataset = run.at("/inputs/dataset_inputs/0/dataset");
        assertThat(dataset.path("name").asText()).isEqualTo("seattle-weather");
        assertThat(sha256).startsWith(dataset.path("digest").asText());

        JsonNode artifacts = http.mlflowGet("artifacts/list?run_id=" + runId + "&path=model");
        assertThat(StreamSupport.stream(artifacts.path("files").spliterator(), false)
                .map(f -> f.path("path").asText()).toList())
                .contains("model/MLmodel", "model/model.onnx", "model/input_example.json");

        JsonNode version = http.mlflowGet("model-versions/get?name=weather-classifier&version=1").path("model_version");
        assertThat(version.path("run_id").asText()).isEqualTo(runId);
        assertThat(version.path("source").asText()).isEqualTo("runs:/" + runId + "/model");

        CliResult again = sextant("train", "--data", SharedData.data("seattle-weather.csv").toString(), "--target", "temp_max",
                "--algo", "linear-regression", "--experiment", "seattle", "--register", "weather-classifier",
                "--server", server.baseUrl());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("rmse").contains("Registered: weather-classifier version 2")
                .contains("date").contains("encoded");
    }

    @Test
    void clientMistakesExitNonZeroWithOneLine(@TempDir Path dir) throws Exception {
        CliResult missing = sextant("train", "--data", dir.resolve("nope.csv").toString(), "--target", "x",
                "--server", server.baseUrl());
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
        assertThat(missing.err().lines().filter(l -> l.startsWith("error: ")).toList()).singleElement()
                .asString().contains("No data file");

        CliResult target = sextant("train", "--data", SharedData.data("seattle-weather.csv").toString(), "--target", "rainfall",
                "--server", server.baseUrl());
        assertThat(target.exitCode()).isEqualTo(1);
        assertThat(target.err()).contains("No column 'rainfall'").contains("temp_max");

        CliResult usage = sextant("train", "--target", "weather");
        assertThat(usage.exitCode()).isEqualTo(2);
    }

    private static Map<String, String> pairs(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).collect(Collectors.toMap(
                n -> n.path("key").asText(), n -> n.path("value").asText(), (a, b) -> b));
    }

    record CliResult(int exitCode, String out, String err) {
    }

    private static CliResult sextant(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("sextant-train", ".out");
        Path err = Files.createTempFile("sextant-train", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("train finished in time").isTrue();
        CliResult result = new CliResult(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return result;
    }
}
