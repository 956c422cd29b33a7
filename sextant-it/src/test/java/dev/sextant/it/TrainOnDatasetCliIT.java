package dev.sextant.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sextant train --data datasets:/…} against a real server process: the CLI reads the
 * version's bytes from the server, checks them against the version's digest, trains locally and
 * records the dataset input exactly as a training run on the server records it; unknown versions,
 * a missing server and damaged bytes are refused with one line and the documented exit code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class TrainOnDatasetCliIT {
    private Path dataDir;
    private ServerProcess server;
    private Http http;

    @BeforeAll
    void startServer(@TempDir Path dir) {
        dataDir = dir;
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
    void trainsOnAVersionAndOnTheLatestOneAndRecordsItLikeServerSideTraining(@TempDir Path dir) throws Exception {
        Path csv = SharedData.data("weather.csv");
        CliRun pushed = cli("datasets", "push", "x", csv.toString(), "--output", "json");
        assertThat(pushed.exitCode()).as(pushed.toString()).isZero();
        String sha256 = pushed.json().at("/dataset_version/sha256").asText();

        CliRun trained = cli("train", "--data", "datasets:/x/1", "--target", "weather", "--algo", "logistic-regression",
                "--experiment", "on-datasets", "--register", "rain", "--output", "json");
        assertThat(trained.exitCode()).as(trained.toString()).isZero();
        JsonNode out = trained.json();
        assertThat(out.at("/dataset/sha256").asText()).isEqualTo(sha256);
        assertThat(out.at("/dataset/source").asText()).isEqualTo("datasets:/x/1");
        assertThat(out.at("/dataset/rows").asInt()).isEqualTo(Files.readAllLines(csv).size() - 1);
        String runId = out.path("run_id").asText();
        JsonNode input = datasetInput(runId);
        assertThat(input.path("source_type").asText()).isEqualTo("sextant_dataset");
        assertThat(input.path("source").asText()).isEqualTo("{\"uri\":\"datasets:/x/1\"}");
        assertThat(sha256).startsWith(input.path("digest").asText());
        assertThat(input.path("digest").asText()).hasSize(32);
        assertTrainedModel(runId, "rain", "1");

        JsonNode serverInput = datasetInput(ServerTraining.logisticRegression(http, "datasets:/x/1", "on-server"));
        for (String field : List.of("name", "digest", "source_type", "source", "schema")) {
            assertThat(input.path(field).asText()).as(field + " as the server records it")
                    .isEqualTo(serverInput.path(field).asText());
        }

        List<String> lines = Files.readAllLines(csv);
        Path fewer = dir.resolve("fewer.csv");
        Files.write(fewer, lines.subList(0, 301));
        assertThat(cli("datasets", "push", "x", fewer.toString()).exitCode()).isZero();
        Result latest = sextant(Map.of("MLFLOW_TRACKING_URI", server.baseUrl()), "train", "--data",
                "datasets:/x@latest", "--target", "weather", "--algo", "logistic-regression", "--experiment",
                "on-datasets");
        assertThat(latest.exitCode()).as("the server comes from MLFLOW_TRACKING_URI\n" + latest).isZero();
        assertThat(latest.out()).contains("Dataset: x-v2 (datasets:/x/2) sha256").doesNotContain("datasets:/x/1");
        String latestRun = latest.out().lines().filter(l -> l.startsWith("Run: ")).findFirst().orElseThrow()
                .split(" ")[1];
        assertThat(datasetInput(latestRun).path("source").asText()).isEqualTo("{\"uri\":\"datasets:/x/2\"}");
        Map<String, String> params = new HashMap<>();
        http.mlflowGet("runs/get?run_id=" + latestRun).at("/run/data/params")
                .forEach(p -> params.put(p.path("key").asText(), p.path("value").asText()));
        assertThat(Integer.parseInt(params.get("train_rows")) + Integer.parseInt(params.get("holdout_rows")))
                .as("trained on the 300 rows of version 2").isEqualTo(300);
        assertTrainedModel(latestRun, "", "");
    }

    @Test
    void refusesUnknownVersionsAMissingServerAndDamagedBytes() throws Exception {
        Path csv = SharedData.data("weather.csv");
        List<String> lines = Files.readAllLines(csv);
        Path small = Files.createTempFile(dataDir, "small", ".csv");
        Files.write(small, lines.subList(0, 201));
        CliRun pushed = cli("datasets", "push", "y", small.toString(), "--output", "json");
        assertThat(pushed.exitCode()).as(pushed.toString()).isZero();
        String sha256 = pushed.json().at("/dataset_version/sha256").asText();

        CliRun unknownVersion = cli("train", "--data", "datasets:/y/9", "--target", "weather");
        assertThat(unknownVersion.exitCode()).as(unknownVersion.toString()).isEqualTo(3);
        assertThat(oneErrorLine(unknownVersion.err())).contains("RESOURCE_DOES_NOT_EXIST")
                .contains("Dataset 'y' has no version 9.");
        CliRun unknownDataset = cli("train", "--data", "datasets:/nothing-here@latest", "--target", "weather");
        assertThat(unknownDataset.exitCode()).as(unknownDataset.toString()).isEqualTo(3);
        assertThat(oneErrorLine(unknownDataset.err())).contains("No dataset named 'nothing-here'");
        CliRun malformed = cli("train", "--data", "datasets:/y", "--target", "weather");
        assertThat(malformed.exitCode()).as(malformed.toString()).isEqualTo(2);
        assertThat(malformed.err()).contains("not a dataset version URI");

        Result noServer = sextant(Map.of(), "train", "--data", "datasets:/y/1", "--target", "weather");
        assertThat(noServer.exitCode()).as(noServer.toString()).isEqualTo(2);
        assertThat(noServer.err()).contains("no server is given: pass --server URL");

        // One label changed in place: the same length and still a valid CSV, so only the digest can tell.
        Path blob = storedBytes(sha256);
        String stored = Files.readString(blob, StandardCharsets.UTF_8);
        assertThat(stored).contains(",rain\n");
        blob.toFile().setWritable(true);
        Files.writeString(blob, stored.replaceFirst(",rain\n", ",snow\n"), StandardCharsets.UTF_8);
        CliRun damaged = cli("train", "--data", "datasets:/y/1", "--target", "weather", "--experiment", "damaged");
        assertThat(damaged.exitCode()).as(damaged.toString()).isEqualTo(3);
        assertThat(oneErrorLine(damaged.err())).contains("do not match the version's digest")
                .contains("recorded sha256 " + sha256).contains("nothing was trained");
        assertThat(http.get(Http.MLFLOW + "experiments/get-by-name?experiment_name=damaged").status())
                .as("nothing was recorded").isEqualTo(404);
    }

    private void assertTrainedModel(String runId, String model, String version) {
        JsonNode run = http.mlflowGet("runs/get?run_id=" + runId).path("run");
        assertThat(run.at("/info/status").asText()).isEqualTo("FINISHED");
        assertThat(StreamSupport.stream(run.at("/data/metrics").spliterator(), false).map(m -> m.path("key").asText()))
                .contains("accuracy", "f1");
        JsonNode artifacts = http.mlflowGet("artifacts/list?run_id=" + runId + "&path=model");
        assertThat(StreamSupport.stream(artifacts.path("files").spliterator(), false).map(f -> f.path("path").asText()))
                .contains("model/MLmodel", "model/model.onnx");
        if (!model.isEmpty()) {
            JsonNode registered = http.mlflowGet("model-versions/get?name=" + model + "&version=" + version)
                    .path("model_version");
            assertThat(registered.path("run_id").asText()).isEqualTo(runId);
        }
    }

    private JsonNode datasetInput(String runId) {
        JsonNode inputs = http.mlflowGet("runs/get?run_id=" + runId).at("/run/inputs/dataset_inputs");
        assertThat(inputs).hasSize(1);
        return inputs.get(0).path("dataset");
    }

    /**
     * The server's stored copy of the bytes with this digest: the local artifact store keeps blobs
     * by SHA-256 under {@code blobs/sha256/<first two digits>/}.
     */
    private Path storedBytes(String sha256) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(f -> f.getFileName().toString().equals(sha256))
                    .filter(f -> f.getParent().getParent().endsWith("blobs/sha256"))
                    .filter(Files::isRegularFile).findFirst()
                    .orElseThrow(() -> new AssertionError("no stored blob named " + sha256));
        }
    }

    private static String oneErrorLine(String err) {
        List<String> errors = err.lines().filter(l -> l.startsWith("error: ")).toList();
        assertThat(errors).as(err).hasSize(1);
        return errors.getFirst();
    }

    private CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", server.baseUrl()));
        return CliRun.inProcess(all);
    }

    record Result(int exitCode, String out, String err) {
    }

    /** The CLI as its own process, with no server in its environment except what {@code env} names. */
    private static Result sextant(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("sextant-train", ".out");
        Path err = Files.createTempFile("sextant-train", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeAll(List.of("SEXTANT_SERVER", "MLFLOW_TRACKING_URI", "SEXTANT_TOKEN"));
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("train finished in time").isTrue();
        Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return result;
    }
}
