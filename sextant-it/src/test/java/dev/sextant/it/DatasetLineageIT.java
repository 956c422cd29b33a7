package dev.sextant.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One dataset version trained on (by the CLI and by the server's training API) and evaluated on is
 * one node in lineage, with its {@code trained} and {@code evaluated-on} edges, asked from either
 * end and by either digest: runs record MLflow's 32-character digest, evaluations the whole SHA-256.
 */
final class DatasetLineageIT {

    @TempDir
    Path dataDir;

    @Test
    void aVersionTrainedAndEvaluatedOnIsOneNodeWithBothEdges() throws Exception {
        try (ServerProcess server = ServerProcess.start(dataDir)) {
            Http http = new Http(server.baseUrl());
            CliRun pushed = cli(server, "datasets", "push", "d", SharedData.data("weather.csv").toString(), "--output", "json");
            assertThat(pushed.exitCode()).as(pushed.toString()).isZero();
            String sha256 = pushed.json().at("/dataset_version/sha256").asText();
            String node = "dataset:" + sha256;

            CliRun trained = cli(server, "train", "--data", "datasets:/d/1", "--target", "weather", "--algo",
                    "logistic-regression", "--experiment", "lineage", "--register", "m", "--output", "json");
            assertThat(trained.exitCode()).as(trained.toString()).isZero();
            String cliRun = "run:" + trained.json().path("run_id").asText();
            String onServer = "run:" + ServerTraining.logisticRegression(http, "datasets:/d/1", "lineage");
            CliRun evaluated = cli(server, "evaluate", "models:/m/1", "--data", "datasets:/d/1", "--target",
                    "weather", "--latency-rows", "0", "--compare-with", "none");
            assertThat(evaluated.exitCode()).as(evaluated.toString()).isZero();

            JsonNode upstream = ok(http.get("/api/v1/lineage/upstream?model_uri=models:/m/1"));
            assertThat(datasetNodes(upstream)).singleElement().satisfies(n -> {
                assertThat(n.path("id").asText()).isEqualTo(node);
                assertThat(n.path("digest").asText()).isEqualTo(sha256);
                assertThat(n.path("name").asText()).isEqualTo("d");
                assertThat(n.path("source").asText()).isEqualTo("datasets:/d/1");
            });
            assertThat(edges(upstream)).contains(node + " -trained-> " + cliRun,
                    cliRun + " -produced-> model_version:m/1", node + " -evaluated-on-> model_version:m/1");

            for (String digest : List.of(sha256, sha256.substring(0, 32))) {
                JsonNode downstream = ok(http.get("/api/v1/lineage/downstream?dataset_digest=" + digest));
                assertThat(downstream.path("root").asText()).as("asked by " + digest).isEqualTo(node);
                assertThat(datasetNodes(downstream)).hasSize(1);
                assertThat(edges(downstream)).as("asked by " + digest).containsExactlyInAnyOrder(
                        node + " -evaluated-on-> model_version:m/1", node + " -trained-> " + cliRun,
                        node + " -trained-> " + onServer, cliRun + " -produced-> model_version:m/1");
            }
        }
    }

    private static List<JsonNode> datasetNodes(JsonNode graph) {
        return StreamSupport.stream(graph.path("nodes").spliterator(), false)
                .filter(n -> n.path("type").asText().equals("dataset_version")).toList();
    }

    private static List<String> edges(JsonNode graph) {
        return StreamSupport.stream(graph.path("edges").spliterator(), false)
                .map(e -> e.path("from").asText() + " -" + e.path("relation").asText() + "-> " + e.path("to").asText())
                .toList();
    }

    private static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static CliRun cli(ServerProcess server, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", server.baseUrl()));
        return CliRun.inProcess(all);
    }
}
