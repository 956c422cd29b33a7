package dev.sextant.server.registry;

import static dev.sextant.server.registry.NativeRegistryIT.assertProblem;
import static dev.sextant.server.registry.NativeRegistryIT.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.ModelPackages;
import dev.sextant.server.ServerTest;
import dev.sextant.server.registry.RegistryClient.Run;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lineage through the HTTP API: a dataset version consumed by runs (with git commit and
 * environment tags), the model versions those runs produced, asked from both ends.
 */
class LineageIT extends ServerTest {
    private static final String COMMIT = "9fceb02d0ae598e95dc970b74767f19372d61af8";

    static RegistryClient api;

    @BeforeAll
    static void start() {
        api = new RegistryClient(http);
    }

    @Test
    void upstreamOfTheProductionModelNamesItsDataCodeAndEnvironment() {
        String digest = "a1b2c3d4";
        Run run = trainingRun(digest, "weather", COMMIT);
        String name = api.model("forecast");
        api.register(name, run.modelUri());
        api.register(name, run.modelUri());
        api.transition(name, "2", "Production", false);

        JsonNode graph = ok(http.get("/api/v1/lineage/upstream?model_uri="
                + URLEncoder.encode("models:/" + name + "/Production", StandardCharsets.UTF_8)));

        assertThat(graph.path("root").asText()).isEqualTo("model_version:" + name + "/2");
        assertThat(graph.path("direction").asText()).isEqualTo("upstream");
        JsonNode version = node(graph, "model_version:" + name + "/2");
        assertThat(version.path("stage").asText()).isEqualTo("Production");
        assertThat(version.path("package_digest").asText()).startsWith("sha256:");
        JsonNode runNode = node(graph, "run:" + run.runId());
        assertThat(runNode.path("code").path("git_commit").asText()).isEqualTo(COMMIT);
        assertThat(runNode.path("code").path("git_repo_url").asText()).isEqualTo("https://git.example/forecast.git");
        assertThat(runNode.path("environment").path("sextant.env.java_version").asText()).isEqualTo("21.0.5");
        JsonNode dataset = node(graph, "dataset:" + digest);
        assertThat(dataset.path("name").asText()).isEqualTo("weather");
        assertThat(edges(graph)).containsExactlyInAnyOrder(
                "dataset:" + digest + " -trained(training)-> run:" + run.runId(),
                "run:" + run.runId() + " -produced-> model_version:" + name + "/2");
        assertThat(graph.path("nodes")).hasSize(3);

        JsonNode ofRun = ok(http.get("/api/v1/lineage/upstream?model_uri="
                + URLEncoder.encode(run.modelUri(), StandardCharsets.UTF_8)));
        assertThat(ofRun.path("root").asText()).isEqualTo("run:" + run.runId());
        assertThat(edges(ofRun)).containsExactly("dataset:" + digest + " -trained(training)-> run:" + run.runId());
    }

    @Test
    void downstreamOfADatasetVersionNamesEveryModelTrainedOnIt() {
        String digest = "feedbeef";
        Run first = trainingRun(digest, "churn", COMMIT);
        Run second = trainingRun(digest, "churn-v2", "0000000000000000000000000000000000000001");
        Run unrelated = trainingRun("0ther", "other", COMMIT);
        String a = api.model("churn-a");
        String b = api.model("churn-b");
        api.register(a, first.modelUri());
        api.register(b, second.modelUri());
        api.register(b, unrelated.modelUri());

        JsonNode graph = ok(http.get("/api/v1/lineage/downstream?dataset_digest=" + digest));

        assertThat(graph.path("root").asText()).isEqualTo("dataset:" + digest);
        assertThat(graph.path("direction").asText()).isEqualTo("downstream");
        assertThat(edges(graph)).containsExactlyInAnyOrder(
                "dataset:" + digest + " -trained(training)-> run:" + first.runId(),
                "dataset:" + digest + " -trained(training)-> run:" + second.runId(),
                "run:" + first.runId() + " -produced-> model_version:" + a + "/1",
                "run:" + second.runId() + " -produced-> model_version:" + b + "/1");
        assertThat(graph.path("nodes")).hasSize(5);

        assertProblem(http.get("/api/v1/lineage/downstream?dataset_digest=nothing-used-this"), 404,
                "RESOURCE_DOES_NOT_EXIST", "No run recorded a dataset with digest 'nothing-used-this'");
        assertProblem(http.get("/api/v1/lineage/downstream"), 400, "INVALID_PARAMETER_VALUE", "dataset_digest");
        assertProblem(http.get("/api/v1/lineage/upstream?model_uri=models:/missing-model/1"), 404,
                "RESOURCE_DOES_NOT_EXIST", "Model Version (name=missing-model, version=1) not found");
    }

    /** A run that records its code and environment, reads a dataset version and logs a model. */
    private static Run trainingRun(String digest, String datasetName, String commit) {
        Run run = api.run("mlflow.source.git.commit", commit, "mlflow.source.git.repoURL",
                "https://git.example/forecast.git", "sextant.env.java_version", "21.0.5");
        RegistryClient.ok(api.post("/runs/log-inputs", "{\"run_id\": \"" + run.runId() + "\", \"datasets\": [{\"tags\": "
                + "[{\"key\": \"mlflow.data.context\", \"value\": \"training\"}], \"dataset\": {\"name\": \""
                + datasetName + "\", \"digest\": \"" + digest + "\", \"source_type\": \"local\", \"source\": "
                + "\"{\\\"uri\\\": \\\"weather.csv\\\"}\"}}]}"));
        ModelPackages.logLogreg(http, run.runId(), run.artifactUri(), "model", true);
        return run;
    }

    private static JsonNode node(JsonNode graph, String id) {
        for (JsonNode node : graph.path("nodes")) {
            if (node.path("id").asText().equals(id)) {
                return node;
            }
        }
        throw new AssertionError("no node " + id + " in " + graph);
    }

    private static List<String> edges(JsonNode graph) {
        List<String> out = new ArrayList<>();
        graph.path("edges").forEach(e -> out.add(e.path("from").asText() + " -" + e.path("relation").asText()
                + (e.path("context").asText().isEmpty() ? "" : "(" + e.path("context").asText() + ")") + "-> "
                + e.path("to").asText()));
        return out;
    }
}
