package dev.sextant.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sextant lineage} and {@code sextant models} against a real server: a run that read a
 * dataset version and recorded its git commit logged a real ONNX model, which was registered and
 * promoted to Production. JSON and table output, and the exit codes CI jobs rely on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class RegistryCliIT {
    private static final String COMMIT = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    private ServerProcess server;
    private String model;
    private String runId;
    private String digest;

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        server = ServerProcess.start(dataDir);
        Http http = new Http(server.baseUrl());
        TrackingApi tracking = new TrackingApi(http);
        String experiment = tracking.createExperiment(TrackingApi.uniqueName("cli-registry"));
        JsonNode run = http.mlflowPost("runs/create", Http.object().put("experiment_id", experiment)
                .set("tags", Http.JSON.createArrayNode().add(Http.object().put("key", "mlflow.source.git.commit")
                        .put("value", COMMIT))));
        runId = run.at("/run/info/run_id").asText();
        digest = "d" + Long.toHexString(System.nanoTime());
        JsonNode dataset = Http.object().put("name", "weather").put("digest", digest).put("source_type", "local")
                .put("source", "{\"uri\": \"weather.csv\"}");
        http.mlflowPost("runs/log-inputs", Http.object().put("run_id", runId).set("datasets",
                Http.JSON.createArrayNode().add(Http.object().set("dataset", dataset))));
        LoggedModels.log(http, runId, run.at("/run/info/artifact_uri").asText(), "model", "logreg_iris.onnx", true);
        model = TrackingApi.uniqueName("cli model");
        http.mlflowPost("registered-models/create", Http.object().put("name", model).put("description", "from the CLI"));
        http.mlflowPost("model-versions/create", Http.object().put("name", model).put("source", "runs:/" + runId + "/model"));
        http.mlflowPost("model-versions/create", Http.object().put("name", model).put("source", "runs:/" + runId + "/model"));
        http.mlflowPost("model-versions/transition-stage", Http.object().put("name", model).put("version", "2")
                .put("stage", "Production"));
        http.mlflowPost("registered-models/alias", Http.object().put("name", model).put("alias", "champion")
                .put("version", "2"));
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void lineageOfTheProductionModelNamesItsDatasetAndCommit() {
        CliRun result = cli("lineage", "models:/" + model + "/Production", "--output", "json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode graph = result.json();
        assertThat(graph.path("root").asText()).isEqualTo("model_version:" + model + "/2");
        List<String> ids = new ArrayList<>();
        graph.path("nodes").forEach(n -> ids.add(n.path("id").asText()));
        assertThat(ids).containsExactly("model_version:" + model + "/2", "run:" + runId, "dataset:" + digest);
        assertThat(graph.path("nodes").get(1).at("/code/git_commit").asText()).isEqualTo(COMMIT);

        CliRun table = cli("lineage", "models:/" + model + "@champion");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out().lines()).anySatisfy(line -> assertThat(line).startsWith("run:" + runId)
                        .contains("commit " + COMMIT.substring(0, 12)))
                .anySatisfy(line -> assertThat(line).startsWith("dataset:" + digest).contains("weather"))
                .anySatisfy(line -> assertThat(line).matches("dataset:" + digest + "\\s+trained\\s+run:" + runId));
    }

    @Test
    void lineageOfADatasetNamesTheModelVersionsTrainedOnIt() {
        CliRun result = cli("lineage", "--dataset", digest, "--output", "json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<String> versions = new ArrayList<>();
        result.json().path("nodes").forEach(n -> {
            if (n.path("type").asText().equals("model_version")) {
                versions.add(n.path("version").asText() + " " + n.path("stage").asText());
            }
        });
        assertThat(versions).containsExactlyInAnyOrder("1 None", "2 Production");
    }

    @Test
    void modelsAreListedAndShownWithTheirVersions() {
        CliRun list = cli("models", "list", "--filter", "name = '" + model + "'");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out().lines().toList()).hasSize(2);
        assertThat(list.out().lines().toList().get(1)).startsWith(model).contains("Production 2").contains("None 1")
                .contains("champion→2").contains("from the CLI");

        CliRun get = cli("models", "get", model, "--output", "json");
        assertThat(get.exitCode()).as(get.toString()).isZero();
        assertThat(get.json().at("/model/name").asText()).isEqualTo(model);
        assertThat(get.json().path("versions")).extracting(v -> v.path("version").asInt()).containsExactly(2, 1);

        CliRun table = cli("models", "get", model);
        assertThat(table.out().lines()).anySatisfy(line -> assertThat(line).matches("2\\s+Production\\s+champion\\s+"
                + runId + ".*sha256:.*"));
    }

    @Test
    void failuresAreOneLineWithExitCodes() {
        assertOneLineFailure(cli("lineage", "models:/no-such-model/Production"), 3, "RESOURCE_DOES_NOT_EXIST");
        assertOneLineFailure(cli("lineage", "--dataset", "never-seen"), 3, "No run recorded a dataset");
        assertOneLineFailure(cli("lineage", "s3://bucket/model"), 1, "INVALID_PARAMETER_VALUE");
        assertOneLineFailure(cli("models", "get", "no-such-model"), 3, "RESOURCE_DOES_NOT_EXIST");
        CliRun both = cli("lineage", "models:/" + model + "/1", "--dataset", digest);
        assertThat(both.exitCode()).as(both.toString()).isEqualTo(2);
        CliRun neither = cli("lineage", "--output", "json");
        assertThat(neither.exitCode()).as(neither.toString()).isEqualTo(2);
    }

    private static void assertOneLineFailure(CliRun result, int exitCode, String reason) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        assertThat(result.out()).as(result.toString()).isEmpty();
        assertThat(result.err().lines().toList()).as(result.toString()).singleElement()
                .satisfies(line -> assertThat(line).startsWith("error: ").contains(reason));
    }

    /** Runs the CLI in this JVM against the test server, capturing stdout and stderr. */
    private CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", server.baseUrl()));
        return CliRun.inProcess(all);
    }
}
