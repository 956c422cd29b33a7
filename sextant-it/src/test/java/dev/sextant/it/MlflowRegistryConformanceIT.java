package dev.sextant.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.ModelRegistry.ModelVersion;
import org.mlflow.api.proto.ModelRegistry.ModelVersionStatus;
import org.mlflow.api.proto.ModelRegistry.RegisteredModel;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.ModelVersionsPage;
import org.mlflow.tracking.Page;

/**
 * MLflow's official Java client (2.17.2) against the model registry of a real server process: its
 * typed registry getters read what was written, and what it has no typed method for (create,
 * update, transition, aliases) goes through {@code sendPost}/{@code sendPatch} as its own tests do;
 * DELETE requests, which it cannot send, go over raw HTTP. The registered model is a real ONNX
 * model logged as run artifacts through the artifact proxy. Subclasses choose the metadata store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MlflowRegistryConformanceIT {
    private ServerProcess server;
    private MlflowClient client;
    private Http http;
    private String runId;
    private String artifactUri;
    private Map<String, byte[]> logged;

    abstract ServerProcess.Options serverOptions(Path dataDir);

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        server = ServerProcess.start(serverOptions(dataDir));
        client = new MlflowClient(server.baseUrl());
        http = new Http(server.baseUrl());
        String experiment = client.createExperiment(TrackingApi.uniqueName("registry"));
        runId = client.createRun(experiment).getRunId();
        artifactUri = client.getRun(runId).getInfo().getArtifactUri();
        logged = LoggedModels.log(http, runId, artifactUri, "model", "logreg_iris.onnx", true);
    }

    @AfterAll
    void stopServer() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aVersionRegisteredFromTheRunReadsBackThroughTheTypedGetters() {
        String name = model("iris");
        client.sendPost("model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"runs:/" + runId
                + "/model\", \"description\": \"logistic regression\"}");

        ModelVersion version = client.getModelVersion(name, "1");
        assertThat(version.getName()).isEqualTo(name);
        assertThat(version.getVersion()).isEqualTo("1");
        assertThat(version.getRunId()).isEqualTo(runId);
        assertThat(version.getSource()).isEqualTo("runs:/" + runId + "/model");
        assertThat(version.getStatus()).isEqualTo(ModelVersionStatus.READY);
        assertThat(version.getCurrentStage()).isEqualTo("None");
        assertThat(version.getDescription()).isEqualTo("logistic regression");
        assertThat(version.getCreationTimestamp()).isPositive();
        assertThat(client.getModelVersionDownloadUri(name, "1")).isEqualTo(artifactUri + "/model");

        RegisteredModel model = client.getRegisteredModel(name);
        assertThat(model.getName()).isEqualTo(name);
        assertThat(model.getLatestVersionsList()).extracting(ModelVersion::getVersion).containsExactly("1");
    }

    @Test
    void registrationRecordsTheDigestOfEveryFileAndTheSignature() {
        String name = model("digests");
        client.sendPost("model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"runs:/" + runId
                + "/model\"}");

        JsonNode version = ok(http.get("/api/v1/models/" + name + "/versions/1"));
        Map<String, String> digests = new TreeMap<>();
        version.path("files").forEach(f -> digests.put(f.path("path").asText(), f.path("sha256").asText()));
        Map<String, String> expected = new TreeMap<>();
        logged.forEach((file, bytes) -> expected.put(file, LoggedModels.sha256(bytes)));
        assertThat(digests).isEqualTo(expected);
        assertThat(version.path("package_digest").asText()).matches("sha256:[0-9a-f]{64}");
        assertThat(version.at("/signature/inputs/0/name").asText()).isEqualTo("X");
        assertThat(version.at("/signature/inputs/0/tensor-spec/dtype").asText()).isEqualTo("float32");
        assertThat(version.at("/signature/inferred").asBoolean()).isFalse();
    }

    @Test
    void latestVersionsFollowStageTransitions() {
        String name = model("staged");
        for (int i = 0; i < 3; i++) {
            register(name);
        }
        transition(name, "1", "Production", false);
        transition(name, "2", "Staging", false);

        assertThat(stages(client.getLatestVersions(name))).containsExactlyInAnyOrder("Production:1", "Staging:2",
                "None:3");
        assertThat(stages(client.getLatestVersions(name, List.of("Production")))).containsExactly("Production:1");

        transition(name, "3", "Production", true);
        assertThat(stages(client.getLatestVersions(name, List.of("Production", "Archived"))))
                .containsExactlyInAnyOrder("Production:3", "Archived:1");
        assertThat(client.getModelVersion(name, "1").getCurrentStage()).isEqualTo("Archived");
    }

    @Test
    void searchModelVersionsFiltersAndPages() {
        String name = model("paged");
        for (int i = 0; i < 5; i++) {
            register(name);
        }
        ModelVersionsPage all = client.searchModelVersions("name = '" + name + "'");
        assertThat(all.getItems()).hasSize(5);

        List<String> seen = new ArrayList<>();
        Page<ModelVersion> page = client.searchModelVersions("name = '" + name + "'", 2,
                List.of("version_number ASC"));
        while (true) {
            page.getItems().forEach(v -> seen.add(v.getVersion()));
            if (!page.hasNextPage()) {
                break;
            }
            page = page.getNextPage();
        }
        assertThat(seen).containsExactly("1", "2", "3", "4", "5");
        assertThat(client.searchModelVersions("name = '" + name + "' and version_number >= 4", 10,
                List.of("version_number DESC")).getItems()).extracting(ModelVersion::getVersion).containsExactly("5", "4");
        assertThat(client.searchModelVersions("run_id = '" + runId + "' and name = '" + name + "'").getItems())
                .hasSize(5);
    }

    @Test
    void patchesAliasesAndTagsReadBackThroughTheClient() {
        String name = model("patched");
        register(name);
        register(name);
        client.sendPatch("registered-models/update", "{\"name\": \"" + name + "\", \"description\": \"churn\"}");
        client.sendPatch("model-versions/update", "{\"name\": \"" + name + "\", \"version\": \"2\", "
                + "\"description\": \"retrained\"}");
        client.sendPost("registered-models/alias", "{\"name\": \"" + name + "\", \"alias\": \"champion\", "
                + "\"version\": \"2\"}");
        client.sendPost("model-versions/set-tag", "{\"name\": \"" + name + "\", \"version\": \"2\", "
                + "\"key\": \"validated\", \"value\": \"yes\"}");

        RegisteredModel model = client.getRegisteredModel(name);
        assertThat(model.getDescription()).isEqualTo("churn");
        assertThat(model.getAliasesList()).singleElement().satisfies(alias -> {
            assertThat(alias.getAlias()).isEqualTo("champion");
            assertThat(alias.getVersion()).isEqualTo("2");
        });
        ModelVersion version = client.getModelVersion(name, "2");
        assertThat(version.getDescription()).isEqualTo("retrained");
        assertThat(version.getAliasesList()).containsExactly("champion");
        assertThat(version.getTagsList()).singleElement().satisfies(tag -> {
            assertThat(tag.getKey()).isEqualTo("validated");
            assertThat(tag.getValue()).isEqualTo("yes");
        });
        JsonNode byAlias = parse(client.sendGet("registered-models/alias?name=" + Http.encode(name)
                + "&alias=champion"));
        assertThat(byAlias.at("/model_version/version").asText()).isEqualTo("2");
    }

    @Test
    void refusalsReachTheClientWithMlflowsCodes() {
        String name = model("refusals");
        assertRefused(() -> client.getModelVersion(name, "9"), 404, "RESOURCE_DOES_NOT_EXIST");
        assertRefused(() -> client.getRegisteredModel("never-" + name), 404, "RESOURCE_DOES_NOT_EXIST");
        assertRefused(() -> client.sendPost("registered-models/create", "{\"name\": \"" + name + "\"}"), 400,
                "RESOURCE_ALREADY_EXISTS");
        assertRefused(() -> client.sendPost("model-versions/create", "{\"name\": \"" + name
                + "\", \"source\": \"s3://bucket/not-readable\"}"), 400, "INVALID_PARAMETER_VALUE");
        assertRefused(() -> client.getLatestVersions(name, List.of("Shipping")), 400, "INVALID_PARAMETER_VALUE");
    }

    @Test
    void deletesGoOverRawHttpAndVersionsInUseAreKept() {
        String name = model("deleted");
        register(name);
        register(name);
        transition(name, "1", "Production", false);

        Http.Response refused = delete("model-versions/delete", "{\"name\": \"" + name + "\", \"version\": \"1\"}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().path("error_code").asText()).isEqualTo("RESOURCE_CONFLICT");

        assertThat(delete("model-versions/delete", "{\"name\": \"" + name + "\", \"version\": \"2\"}").status())
                .isEqualTo(200);
        assertRefused(() -> client.getModelVersion(name, "2"), 404, "RESOURCE_DOES_NOT_EXIST");
        transition(name, "1", "Archived", false);
        assertThat(delete("registered-models/delete", "{\"name\": \"" + name + "\"}").status()).isEqualTo(200);
        assertRefused(() -> client.getRegisteredModel(name), 404, "RESOURCE_DOES_NOT_EXIST");
    }

    // ---------------------------------------------------------------- helpers

    private String model(String purpose) {
        String name = TrackingApi.uniqueName(purpose);
        client.sendPost("registered-models/create", "{\"name\": \"" + name + "\"}");
        return name;
    }

    private void register(String name) {
        client.sendPost("model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"runs:/" + runId
                + "/model\"}");
    }

    private void transition(String name, String version, String stage, boolean archive) {
        client.sendPost("model-versions/transition-stage", "{\"name\": \"" + name + "\", \"version\": \"" + version
                + "\", \"stage\": \"" + stage + "\", \"archive_existing_versions\": " + archive + "}");
    }

    private Http.Response delete(String endpoint, String json) {
        return http.send("DELETE", Http.MLFLOW + endpoint, "application/json",
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode parse(String json) {
        try {
            return Http.JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> stages(List<ModelVersion> versions) {
        return versions.stream().map(v -> v.getCurrentStage() + ":" + v.getVersion()).toList();
    }

    private static void assertRefused(Runnable call, int status, String errorCode) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(MlflowHttpException.class, e -> {
            assertThat(e.getStatusCode()).as(e.getBodyMessage()).isEqualTo(status);
            assertThat(e.getBodyMessage()).contains(errorCode);
        });
    }
}
