package dev.sextant.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sextant deployments}, {@code sextant apply -f} and {@code sextant predict} against a real
 * server process serving the shared logistic regression: the one-line create, a YAML canary,
 * update, switch, delete, the exit codes, and batch scoring of a CSV and a Parquet file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ServingCliIT {
    private ServerProcess server;
    private Http http;
    private String model;

    @TempDir
    Path work;

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        server = ServerProcess.start(dataDir);
        http = new Http(server.baseUrl());
        TrackingApi tracking = new TrackingApi(http);
        model = TrackingApi.uniqueName("served");
        http.mlflowPost("registered-models/create", Http.object().put("name", model));
        for (boolean signature : new boolean[] {true, false}) {
            String experiment = tracking.createExperiment(TrackingApi.uniqueName("serving-cli"));
            JsonNode run = http.mlflowPost("runs/create", Http.object().put("experiment_id", experiment));
            String runId = run.at("/run/info/run_id").asText();
            LoggedModels.log(http, runId, run.at("/run/info/artifact_uri").asText(), "model", "logreg_iris.onnx", signature);
            http.mlflowPost("model-versions/create", Http.object().put("name", model).put("source", "runs:/" + runId + "/model"));
        }
        http.mlflowPost("registered-models/alias", Http.object().put("name", model).put("alias", "champion")
                .put("version", "1"));
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void createGetUpdateListDeleteWithTheOneLineForm() {
        CliRun created = cli("deployments", "create", "cli-iris", "--model", "models:/" + model + "@champion");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.out()).contains("cli-iris").contains("models:/" + model + "/1");

        CliRun updated = cli("deployments", "update", "cli-iris", "--model", "models:/" + model + "/2", "--output", "json");
        assertThat(updated.exitCode()).as(updated.toString()).isZero();
        assertThat(updated.json().at("/versions/primary/version").asLong()).isEqualTo(2);

        CliRun list = cli("deployments", "list");
        assertThat(list.out()).contains("cli-iris").contains("single");
        CliRun get = cli("deployments", "get", "cli-iris", "--output", "json");
        assertThat(get.json().path("ready").asBoolean()).isTrue();

        CliRun taken = cli("deployments", "create", "cli-iris", "--model", "models:/" + model + "/1");
        assertThat(taken.exitCode()).isEqualTo(1);
        assertThat(taken.err()).contains("RESOURCE_ALREADY_EXISTS");

        assertThat(cli("deployments", "delete", "cli-iris").exitCode()).isZero();
        CliRun gone = cli("deployments", "get", "cli-iris");
        assertThat(gone.exitCode()).isEqualTo(3);
        assertThat(gone.err()).contains("does not exist");
        CliRun badModel = cli("deployments", "create", "cli-bad", "--model", "models:/" + model + "/99");
        assertThat(badModel.exitCode()).isEqualTo(3);
        assertThat(cli("deployments", "update", "cli-bad").exitCode()).isEqualTo(2);
    }

    @Test
    void applyCreatesThenReplacesWhatTheYamlDeclares() throws IOException {
        Path spec = work.resolve("spec.yaml");
        Files.writeString(spec, """
                kind: Deployment
                name: cli-canary
                policy:
                  type: canary
                  stable: models:/%1$s/1
                  canary: models:/%1$s/2
                  percent: 20
                  step-interval-seconds: 60
                batching: {max-batch-size: 8, max-wait-ms: 1}
                ---
                name: cli-bg
                policy: {type: blue_green, blue: models:/%1$s/1, green: models:/%1$s/2, active: blue}
                """.formatted(model));
        CliRun applied = cli("apply", "-f", spec.toString());
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(applied.out()).contains("deployment/cli-canary applied (generation 1")
                .contains("deployment/cli-bg applied (generation 1");
        Files.writeString(spec, Files.readString(spec).replace("percent: 20", "percent: 40"));
        CliRun again = cli("apply", "-f", spec.toString(), "--output", "json");
        JsonNode canary = again.json().path("deployments").get(0);
        assertThat(canary.path("generation").asLong()).isEqualTo(2);
        assertThat(canary.at("/rollout/canary_percent").asInt()).isEqualTo(40);

        CliRun switched = cli("deployments", "switch", "cli-bg", "--output", "json");
        assertThat(switched.json().at("/policy/active").asText()).isEqualTo("green");
        CliRun rolledBack = cli("deployments", "rollback", "cli-canary", "--reason", "latency looked off", "--output", "json");
        assertThat(rolledBack.json().at("/rollout/phase").asText()).isEqualTo("ROLLED_BACK");
        assertThat(rolledBack.json().at("/rollout/reason").asText()).isEqualTo("latency looked off");

        Files.writeString(spec, "name: x\npolicy: {type: rainbow}\n");
        CliRun refused = cli("apply", "-f", spec.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("rainbow").contains("single, canary, blue_green, ab, shadow");
    }

    @Test
    void predictScoresCsvAndParquetFilesStreaming() throws Exception {
        Path csv = work.resolve("rows.csv");
        StringBuilder rows = new StringBuilder("sepal_length,sepal_width\n");
        for (int i = 0; i < 10_000; i++) {
            rows.append(4.3 + (i % 36) / 10.0).append(',').append(2.0 + (i % 24) / 10.0).append('\n');
        }
        Files.writeString(csv, rows);
        Path out = work.resolve("scored.csv");
        CliRun scored = cli("predict", "--model", "models:/" + model + "@champion", "--input", csv.toString(),
                "--output", out.toString(), "--batch-size", "1000");
        assertThat(scored.exitCode()).as(scored.toString()).isZero();
        assertThat(scored.out()).contains("scored 10000 rows with models:/" + model + "/1");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(10_001);
        assertThat(lines.get(0)).isEqualTo("sepal_length,sepal_width,output_label,output_probability_0,"
                + "output_probability_1,output_probability_2");
        // Each row scored like the same row sent alone through the inference protocol.
        assertThat(http.postJson("/api/v1/deployments", "{\"name\": \"cli-check\", \"model\": \"models:/" + model
                + "/1\"}").status()).isEqualTo(201);
        for (int i : new int[] {1, 17, 9_999}) {
            String[] cells = lines.get(i).split(",");
            JsonNode answer = http.postJson("/v2/models/cli-check/infer", "{\"inputs\": [{\"name\": \"X\", \"shape\": [1, 2], "
                    + "\"datatype\": \"FP32\", \"data\": [" + cells[0] + ", " + cells[1] + "]}]}").json();
            assertThat(cells[2]).isEqualTo(answer.path("outputs").get(0).path("data").get(0).asText());
        }

        Path parquet = work.resolve("rows.parquet");
        try (var duck = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             var copy = duck.createStatement()) {
            copy.execute("COPY (SELECT * FROM read_csv_auto('" + csv + "')) TO '" + parquet + "' (FORMAT parquet)");
        }
        Path outParquet = work.resolve("scored.parquet");
        CliRun fromParquet = cli("predict", "--model", "models:/" + model + "/1", "--input", parquet.toString(),
                "--output", outParquet.toString(), "--no-progress");
        assertThat(fromParquet.exitCode()).as(fromParquet.toString()).isZero();
        try (var duck = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             var query = duck.createStatement();
             var rs = query.executeQuery("SELECT count(*), count(DISTINCT output_label) FROM read_parquet('" + outParquet + "')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(10_000);
            assertThat(rs.getLong(2)).isGreaterThan(1);
        }

        CliRun wrongFile = cli("predict", "--model", "models:/" + model + "/1", "--input", work.resolve("none.csv").toString(),
                "--output", out.toString());
        assertThat(wrongFile.exitCode()).isEqualTo(1);
        assertThat(wrongFile.err()).contains("no such input file");
    }

    private CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", server.baseUrl()));
        return CliRun.inProcess(all);
    }
}
