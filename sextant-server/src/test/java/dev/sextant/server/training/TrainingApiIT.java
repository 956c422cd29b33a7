package dev.sextant.server.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.server.Http;
import dev.sextant.server.HttpResult;
import dev.sextant.server.ModelPackages;
import dev.sextant.server.TestServer;
import dev.sextant.training.onnx.ClassifierOutputs;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training through {@code POST /api/v1/training-runs} on a real server: the job is followed to its
 * end over HTTP, then the run, its model artifacts and the registered version are read back
 * through the server's own APIs and checked against the data file and the downloaded bytes.
 */
class TrainingApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static TestServer server;
    static Http http;
    static TrainingClient training;
    static Path weather;
    static byte[] weatherBytes;

    @BeforeAll
    static void start() throws Exception {
        weather = ModelPackages.shared().resolve("data/seattle-weather.csv").toAbsolutePath().normalize();
        // The shared data and this test's own files are the only directories training may read.
        server = TestServer.start(dir.resolve("server"), c -> c.withTrainingDataRoots(List.of(weather.getParent(), dir)));
        http = server.http();
        training = new TrainingClient(http);
        weatherBytes = Files.readAllBytes(weather);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void trainsRecordsTheRunAndRegistersTheModel() throws Exception {
        ObjectNode request = JSON.createObjectNode().put("data", weather.toString()).put("target", "weather")
                .put("experiment", "api-weather").put("register", "seattle-weather-api").put("seed", 7)
                .put("holdout", 0.25);
        request.putObject("params").put("trees", 5).put("max_depth", 6);
        request.putObject("source").put("git_commit", "4f0c1e2d3b4a59687766554433221100ffeeddcc")
                .put("git_branch", "main").put("git_repo_url", "https://someone:s3cret@git.example.org/team/weather.git");
        request.putObject("tags").put("team", "forecasting");

        TrainingClient.Followed followed = training.follow(training.accepted(request.toString()));
        JsonNode job = followed.job();

        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("error").isNull()).isTrue();
        assertThat(job.path("progress").asDouble()).isEqualTo(1.0);
        List<Double> progress = followed.polls().stream().map(poll -> poll.path("progress").asDouble()).toList();
        assertThat(progress).isSorted();
        assertThat(job.path("started_time").asLong()).isGreaterThanOrEqualTo(job.path("created_time").asLong());
        assertThat(job.path("finished_time").asLong()).isGreaterThanOrEqualTo(job.path("started_time").asLong());
        assertThat(job.at("/request/params/trees").asInt()).isEqualTo(5);
        assertThat(job.at("/request/source/git_repo_url").asText()).isEqualTo("https://git.example.org/team/weather.git");
        assertThat(job.path("task").asText()).isEqualTo("classification");
        assertThat(job.path("algorithm").asText()).isEqualTo("random-forest");
        assertThat(job.at("/metrics/accuracy").asDouble()).isBetween(0.5, 1.0);
        assertThat(job.path("columns").findValuesAsText("column"))
                .containsExactly("date", "precipitation", "temp_max", "temp_min", "wind", "weather");
        assertThat(job.path("columns").get(5).path("action").asText()).isEqualTo("target");
        assertThat(job.at("/dataset/sha256").asText()).isEqualTo(ModelPackages.sha256(weatherBytes));
        assertThat(job.at("/dataset/rows").asInt()).isEqualTo(1461);
        String runId = job.path("run_id").asText();
        assertThat(job.path("model_uri").asText()).isEqualTo("runs:/" + runId + "/model");
        assertThat(job.at("/model_version/name").asText()).isEqualTo("seattle-weather-api");
        assertThat(job.at("/model_version/version").asLong()).isEqualTo(1);

        JsonNode run = ok(http.get("/api/v1/runs/" + runId)).json();
        assertThat(run.path("status").asText()).isEqualTo("FINISHED");
        assertThat(run.path("experiment_id").asText()).isEqualTo(job.path("experiment_id").asText());
        assertThat(ok(http.get("/api/v1/experiments/" + run.path("experiment_id").asText())).json().path("name")
                .asText()).isEqualTo("api-weather");
        JsonNode params = run.path("params");
        assertThat(params.path("target").asText()).isEqualTo("weather");
        assertThat(params.path("algorithm").asText()).isEqualTo("random-forest");
        assertThat(params.path("trees").asText()).isEqualTo("5");
        assertThat(params.path("max_depth").asText()).isEqualTo("6");
        assertThat(params.path("seed").asText()).isEqualTo("7");
        assertThat(params.path("holdout").asText()).isEqualTo("0.25");
        assertThat(params.path("holdout_rows").asInt()).isEqualTo(365);
        Map<String, Double> metrics = new HashMap<>();
        run.path("metrics").forEach(m -> metrics.put(m.path("key").asText(), m.path("value").asDouble()));
        assertThat(metrics).containsKeys("accuracy", "f1", "log_loss");
        assertThat(metrics.get("accuracy")).isCloseTo(job.at("/metrics/accuracy").asDouble(), within(1e-12));

        JsonNode input = run.path("inputs").get(0);
        assertThat(input.at("/tags/mlflow.data.context").asText()).isEqualTo("training");
        assertThat(input.at("/dataset/name").asText()).isEqualTo("seattle-weather");
        assertThat(input.at("/dataset/digest").asText()).isEqualTo(ModelPackages.sha256(weatherBytes).substring(0, 32));
        assertThat(input.at("/dataset/source_type").asText()).isEqualTo("local");
        assertThat(JSON.readTree(input.at("/dataset/source").asText()).path("uri").asText())
                .isEqualTo(weather.toRealPath().toString());
        assertThat(JSON.readTree(input.at("/dataset/profile").asText()).path("num_rows").asInt()).isEqualTo(1461);

        JsonNode tags = run.path("tags");
        assertThat(tags.path("mlflow.source.git.commit").asText()).isEqualTo("4f0c1e2d3b4a59687766554433221100ffeeddcc");
        assertThat(tags.path("mlflow.source.git.branch").asText()).isEqualTo("main");
        assertThat(tags.path("mlflow.source.git.repoURL").asText()).isEqualTo("https://git.example.org/team/weather.git");
        assertThat(tags.path("mlflow.source.type").asText()).isEqualTo("JOB");
        assertThat(tags.path("sextant.training.job_id").asText()).isEqualTo(job.path("id").asText());
        assertThat(tags.path("team").asText()).isEqualTo("forecasting");
        // The server trains in this JVM, so its environment is this one.
        assertThat(tags.path("sextant.env.java_version").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(tags.path("sextant.env.os").asText()).startsWith(System.getProperty("os.name"));
        assertThat(tags.path("sextant.env.trainer").asText()).isEqualTo("tribuo=4.3.2");
        assertThat(tags.path("sextant.env.libraries").asText()).contains("duckdb=1.5.6.0", "tribuo=4.3.2");
        assertThat(tags.path("sextant.version").asText()).isNotEmpty();
        assertThat(tags.path("sextant.dataset.sha256").asText()).isEqualTo(ModelPackages.sha256(weatherBytes));

        List<String> files = new ArrayList<>();
        ok(http.get("/api/v1/runs/" + runId + "/artifacts?path=model")).json().path("files")
                .forEach(f -> files.add(f.path("path").asText()));
        assertThat(files).containsExactlyInAnyOrder("model/MLmodel", "model/model.onnx", "model/input_example.json",
                "model/sextant-manifest.json");
        String root = run.path("artifact_uri").asText().replaceFirst("^mlflow-artifacts:/+", "");
        byte[] onnx = download(root + "/model/model.onnx");
        String mlModel = new String(download(root + "/model/MLmodel"), StandardCharsets.UTF_8);
        JsonNode manifest = JSON.readTree(download(root + "/model/sextant-manifest.json"));
        assertThat(onnx.length).isGreaterThan(1000);
        assertThat(mlModel).contains("onnx:", "model.onnx", "run_id: " + runId, "signature:");
        assertThat(manifest.toString()).contains(ModelPackages.sha256(onnx));

        JsonNode version = ok(http.get("/api/v1/models/seattle-weather-api/versions/1")).json();
        assertThat(version.path("run_id").asText()).isEqualTo(runId);
        assertThat(version.path("source").asText()).isEqualTo("runs:/" + runId + "/model");
        assertThat(version.path("package_digest").asText()).isEqualTo(job.path("package_digest").asText())
                .startsWith("sha256:");
        Map<String, String> digests = new HashMap<>();
        version.path("files").forEach(f -> digests.put(f.path("path").asText(), f.path("sha256").asText()));
        assertThat(digests).containsEntry("model.onnx", ModelPackages.sha256(onnx))
                .containsEntry("MLmodel", ModelPackages.sha256(mlModel.getBytes(StandardCharsets.UTF_8)));
        JsonNode signature = version.path("signature");
        assertThat(signature.path("inferred").asBoolean()).isFalse();
        assertThat(signature.path("inputs").findValuesAsText("name"))
                .containsExactlyElementsOf(List.of(params.path("input_columns").asText().split(",")));
        assertThat(signature.path("outputs").findValuesAsText("name")).containsExactly(ClassifierOutputs.LABEL);
    }

    @Test
    void trainsOnADataFileLoggedAsARunArtifact() throws Exception {
        JsonNode dataRun = created(http.postJson("/api/v1/runs", "{\"experiment_id\": \"0\", \"run_name\": \"data\"}"));
        String root = dataRun.path("artifact_uri").asText().replaceFirst("^mlflow-artifacts:/+", "");
        HttpResult upload = http.send("PUT", "/api/2.0/mlflow-artifacts/artifacts/" + root
                + "/datasets/seattle-weather.csv", BodyPublishers.ofByteArray(weatherBytes));
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        String uri = "runs:/" + dataRun.path("run_id").asText() + "/datasets/seattle-weather.csv";
        ObjectNode request = JSON.createObjectNode().put("data", uri).put("target", "weather")
                .put("algorithm", "logistic-regression");
        request.putObject("params").put("epochs", 3);

        JsonNode job = training.follow(training.accepted(request.toString())).job();

        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("model_version").isNull()).isTrue();
        assertThat(job.at("/dataset/source").asText()).isEqualTo(uri);
        JsonNode run = ok(http.get("/api/v1/runs/" + job.path("run_id").asText())).json();
        assertThat(run.path("experiment_id").asText()).isEqualTo("0");
        assertThat(run.at("/params/algorithm").asText()).isEqualTo("logistic-regression");
        assertThat(run.at("/params/epochs").asText()).isEqualTo("3");
        JsonNode dataset = run.path("inputs").get(0).path("dataset");
        assertThat(dataset.path("source_type").asText()).isEqualTo("run_artifact");
        assertThat(JSON.readTree(dataset.path("source").asText()).path("uri").asText()).isEqualTo(uri);
        assertThat(dataset.path("digest").asText()).isEqualTo(ModelPackages.sha256(weatherBytes).substring(0, 32));
        assertThat(dataset.path("name").asText()).isEqualTo("seattle-weather");
    }

    @Test
    void whatOnlyTheValuesShowFailsTheJobWithTheReason() throws Exception {
        Path oneClass = Files.writeString(dir.resolve("one-class.csv"), "x,label\n"
                + "1,a\n2,a\n3,a\n4,a\n5,a\n6,a\n7,a\n8,a\n9,a\n10,a\n");

        JsonNode job = training.follow(training.accepted(JSON.createObjectNode().put("data", oneClass.toString())
                .put("target", "label").toString())).job();

        assertThat(job.path("state").asText()).isEqualTo("failed");
        assertThat(job.at("/error/code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(job.at("/error/status").asInt()).isEqualTo(400);
        assertThat(job.at("/error/message").asText()).contains("only one value of 'label'");
        assertThat(job.path("run_id").isNull()).as("training failed before anything was recorded").isTrue();
        assertThat(job.path("metrics").isEmpty()).isTrue();
        assertThat(ok(http.get(TrainingClient.PATH)).json().path("training_runs").findValuesAsText("id"))
                .contains(job.path("id").asText());
    }

    @Test
    void badInputIsRefusedWithTheReasonBeforeAnyJobExists() throws Exception {
        Path spreadsheet = Files.writeString(dir.resolve("weather.xlsx"), "not a table");
        String deleted = created(http.postJson("/api/v1/experiments", "{\"name\": \"gone\"}")).path("experiment_id")
                .asText();
        assertThat(http.sendJson("DELETE", "/api/v1/experiments/" + deleted, "").status()).isEqualTo(204);
        String emptyRun = created(http.postJson("/api/v1/runs", "{\"experiment_id\": \"0\"}")).path("run_id").asText();
        int jobsBefore = ok(http.get(TrainingClient.PATH)).json().path("training_runs").size();
        String file = weather.toString();

        refused(request(file, "weather").without("data"), 400, "data");
        refused(request("data/seattle-weather.csv", "weather"), 400, "relative path");
        refused(request(dir.resolve("nowhere.csv").toString(), "weather"), 404, "No readable file at");
        refused(request(spreadsheet.toString(), "weather"), 400, ".parquet");
        refused(request("s3://bucket/weather.csv", "weather"), 400, "a URI this server does not read");
        refused(request("runs:/0123456789abcdef0123456789abcdef/data.csv", "weather"), 404, "0123456789abcdef");
        refused(request("runs:/" + emptyRun + "/data/weather.csv", "weather"), 404, "has no artifact file 'data/weather.csv'");
        refused(request("runs:/" + emptyRun, "weather"), 400, "runs:/<run id>/<path>");
        refused(request(file, "rainfall"), 400, "No column 'rainfall'", "temp_max");
        refused(request(file, "date"), 400, "Cannot predict 'date'");
        refused(request(file, "weather").put("algorithm", "xgboost"), 400, "Unknown algorithm 'xgboost'",
                "random-forest");
        refused(request(file, "weather").put("task", "clustering"), 400, "Unknown task 'clustering'");
        refused(request(file, "weather").put("algorithm", "linear-regression"), 400, "cannot do classification");
        refused(request(file, "weather").put("task", "regression"), 400, "numeric target");
        refused(request(file, "weather").put("algo", "extra-trees"), 400, "Unknown field 'algo'", "algorithm");
        ObjectNode typo = request(file, "weather");
        typo.putObject("params").put("n_trees", 3);
        refused(typo, 400, "Unknown field 'params.n_trees'", "trees");
        ObjectNode tooMany = request(file, "weather");
        tooMany.putObject("params").put("trees", 5000);
        refused(tooMany, 400, "'params.trees' is 5000", "1 to 1000");
        refused(request(file, "weather").put("holdout", 1.5), 400, "between 0 and 1");
        refused(request(file, "weather").put("seed", "abc"), 400, "seed");
        refused(request(file, "weather").put("experiment", "gone"), 400, "is deleted");
        refused(request(file, "weather").put("register", "a/b"), 400, "'register'", "cannot contain '/'");
        refused(request(file, "weather").put("experiment", "x".repeat(600)), 400, "Experiment name");
        ObjectNode badTag = request(file, "weather");
        badTag.putObject("tags").put("bad key!", "x");
        refused(badTag, 400, "Invalid tag name: 'bad key!'");

        HttpResult notJson = http.send("POST", TrainingClient.PATH, BodyPublishers.ofString("data=x"),
                "Content-Type", "text/plain");
        assertThat(notJson.status()).isEqualTo(415);
        HttpResult malformed = http.postJson(TrainingClient.PATH, "{\"data\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("detail").asText()).contains("Malformed JSON");
        HttpResult unknown = http.get(TrainingClient.PATH + "/feedface");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(unknown.json().path("detail").asText()).contains("No training run with id 'feedface'");
        assertThat(ok(http.get(TrainingClient.PATH)).json().path("training_runs").size()).isEqualTo(jobsBefore);
    }

    private static ObjectNode request(String data, String target) {
        return JSON.createObjectNode().put("data", data).put("target", target);
    }

    private static void refused(JsonNode request, int status, String... detail) {
        HttpResult result = training.submit(request.toString());
        assertThat(result.status()).as(request + " → " + result.body()).isEqualTo(status);
        assertThat(result.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(result.json().path("detail").asText()).as(request.toString()).contains(detail);
    }

    private static byte[] download(String path) throws Exception {
        var response = http.stream("/api/2.0/mlflow-artifacts/artifacts/" + path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        try (var in = response.body()) {
            return in.readAllBytes();
        }
    }

    private static HttpResult ok(HttpResult result) {
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        return result;
    }

    private static JsonNode created(HttpResult result) {
        assertThat(result.status()).as(result.body()).isEqualTo(201);
        return result.json();
    }
}
