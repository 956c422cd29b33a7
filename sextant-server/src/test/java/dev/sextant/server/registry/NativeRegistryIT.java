package dev.sextant.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.HttpResult;
import dev.sextant.server.ModelPackages;
import dev.sextant.server.ServerTest;
import dev.sextant.server.registry.RegistryClient.Run;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The native registry API under /api/v1/models and /api/v1/model-uris: resources, digests, signatures, problems. */
class NativeRegistryIT extends ServerTest {
    static RegistryClient mlflow;

    @BeforeAll
    static void start() {
        mlflow = new RegistryClient(http);
    }

    @Test
    void registrationRecordsTheDigestOfEveryFileAndTheDeclaredSignature() {
        Run run = mlflow.runWithModel(true);
        String name = created(http.postJson("/api/v1/models", "{\"name\": \"" + RegistryClient.unique("iris")
                + "\", \"description\": \"iris classifier\", \"tags\": {\"team\": \"vision\"}}")).path("name").asText();

        HttpResult registered = http.postJson("/api/v1/models/" + name + "/versions", "{\"source\": \""
                + run.modelUri() + "\", \"description\": \"logreg\", \"tags\": {\"framework\": \"sklearn\"}}");
        JsonNode version = created(registered);
        assertThat(registered.header("Location")).isEqualTo("/api/v1/models/" + name + "/versions/1");

        assertThat(version.path("version").asLong()).isEqualTo(1);
        assertThat(version.path("model_uri").asText()).isEqualTo("models:/" + name + "/1");
        assertThat(version.path("stage").asText()).isEqualTo("None");
        assertThat(version.path("run_id").asText()).isEqualTo(run.runId());
        assertThat(version.path("storage_location").asText()).isEqualTo(run.artifactUri() + "/model");
        assertThat(version.path("model_file").asText()).isEqualTo("model.onnx");
        assertThat(version.path("tags").path("framework").asText()).isEqualTo("sklearn");
        byte[] onnx = ModelPackages.sharedModel("logreg_iris.onnx");
        List<String> files = new ArrayList<>();
        version.path("files").forEach(f -> files.add(f.path("path").asText() + " " + f.path("size").asLong()));
        assertThat(files).containsExactly("MLmodel " + ModelPackages.mlModel(run.runId(), true).getBytes(
                        StandardCharsets.UTF_8).length, "conda.yaml " + ModelPackages.files(run.runId(), true, onnx)
                        .get("conda.yaml").length, "model.onnx " + onnx.length,
                "python_env.yaml " + ModelPackages.files(run.runId(), true, onnx).get("python_env.yaml").length,
                "requirements.txt " + ModelPackages.files(run.runId(), true, onnx).get("requirements.txt").length);
        assertThat(version.path("files").get(2).path("sha256").asText()).isEqualTo(ModelPackages.sha256(onnx));
        assertThat(version.path("package_digest").asText()).matches("sha256:[0-9a-f]{64}");
        JsonNode signature = version.path("signature");
        assertThat(signature.path("inferred").asBoolean()).isFalse();
        assertThat(signature.path("inputs").get(0).path("name").asText()).isEqualTo("X");
        assertThat(signature.at("/inputs/0/tensor-spec/shape").toString()).isEqualTo("[-1,2]");
        assertThat(signature.path("outputs").get(0).path("name").asText()).isEqualTo("output_label");

        JsonNode again = created(http.postJson("/api/v1/models/" + name + "/versions", "{\"source\": \""
                + run.modelUri() + "\"}"));
        assertThat(again.path("package_digest").asText()).as("same bytes, same package digest")
                .isEqualTo(version.path("package_digest").asText());
    }

    @Test
    void aMissingSignatureIsReadFromTheOnnxGraph() {
        Run run = mlflow.runWithModel(false);
        String name = mlflow.model("inferred");
        JsonNode version = created(http.postJson("/api/v1/models/" + name + "/versions",
                "{\"source\": \"" + run.modelUri() + "\"}"));

        JsonNode signature = version.path("signature");
        assertThat(signature.path("inferred").asBoolean()).isTrue();
        assertThat(signature.path("inputs")).hasSize(1);
        assertThat(signature.at("/inputs/0/name").asText()).isEqualTo("X");
        assertThat(signature.at("/inputs/0/tensor-spec/dtype").asText()).isEqualTo("float32");
        List<String> outputs = new ArrayList<>();
        signature.path("outputs").forEach(o -> outputs.add(o.path("name").asText()));
        assertThat(outputs).containsExactly("output_label", "output_probability");
    }

    @Test
    void modelsAreRenamedDescribedTaggedAndAliased() {
        Run run = mlflow.runWithModel(true);
        String name = mlflow.model("native");
        mlflow.register(name, run.modelUri());
        mlflow.register(name, run.modelUri());

        JsonNode alias = ok(http.sendJson("PUT", "/api/v1/models/" + name + "/aliases/champion", "{\"version\": 2}"));
        assertThat(alias.path("version").asLong()).isEqualTo(2);
        assertThat(alias.path("aliases").get(0).asText()).isEqualTo("champion");
        assertThat(ok(http.get("/api/v1/models/" + name + "/aliases/champion")).path("version").asLong()).isEqualTo(2);
        assertThat(http.sendJson("PUT", "/api/v1/models/" + name + "/tags/owner", "{\"value\": \"ml\"}").status())
                .isEqualTo(204);

        String renamed = name + "-b";
        JsonNode model = ok(http.sendJson("PATCH", "/api/v1/models/" + name, "{\"name\": \"" + renamed
                + "\", \"description\": \"two versions\"}"));
        assertThat(model.path("name").asText()).isEqualTo(renamed);
        assertThat(model.path("description").asText()).isEqualTo("two versions");
        assertThat(model.path("tags").path("owner").asText()).isEqualTo("ml");
        assertThat(model.path("aliases").path("champion").asLong()).isEqualTo(2);
        assertThat(model.path("latest_versions")).hasSize(1);

        JsonNode staged = ok(http.sendJson("PATCH", "/api/v1/models/" + renamed + "/versions/1",
                "{\"stage\": \"Production\", \"description\": \"first\"}"));
        assertThat(staged.path("stage").asText()).isEqualTo("Production");
        assertThat(staged.path("description").asText()).isEqualTo("first");

        JsonNode page = ok(http.get("/api/v1/models/" + renamed + "/versions?order_by=version_number%20ASC"));
        assertThat(page.path("versions")).extracting(v -> v.path("version").asLong()).containsExactly(1L, 2L);
        JsonNode filtered = ok(http.get("/api/v1/models/" + renamed + "/versions?filter="
                + URLEncoder.encode("version_number > 1", StandardCharsets.UTF_8)));
        assertThat(filtered.path("versions")).extracting(v -> v.path("version").asLong()).containsExactly(2L);

        assertProblem(http.sendJson("DELETE", "/api/v1/models/" + renamed + "/versions/2", ""), 409,
                "RESOURCE_CONFLICT", "has alias 'champion'");
        assertProblem(http.sendJson("DELETE", "/api/v1/models/" + renamed, ""), 409, "RESOURCE_CONFLICT",
                "version 1 is in stage 'Production'");
        assertThat(http.sendJson("DELETE", "/api/v1/models/" + renamed + "/aliases/champion", "").status())
                .isEqualTo(204);
        assertThat(http.sendJson("DELETE", "/api/v1/models/" + renamed + "/versions/2", "").status()).isEqualTo(204);
        assertProblem(http.get("/api/v1/models/" + renamed + "/versions/2"), 404, "RESOURCE_DOES_NOT_EXIST",
                "version=2) not found");
    }

    @Test
    void modelUrisResolveToTheVersionTheyNameNow() {
        Run run = mlflow.runWithModel(true);
        String name = mlflow.model("uris");
        for (int i = 0; i < 3; i++) {
            mlflow.register(name, run.modelUri());
        }
        mlflow.transition(name, "1", "Production", false);
        mlflow.transition(name, "2", "Staging", false);
        http.sendJson("PUT", "/api/v1/models/" + name + "/aliases/champion", "{\"version\": 2}");

        assertThat(resolved("models:/" + name + "/3")).isEqualTo(3);
        assertThat(resolved("models:/" + name + "@champion")).isEqualTo(2);
        assertThat(resolved("models:/" + name + "/Production")).isEqualTo(1);
        assertThat(resolved("models:/" + name + "/staging")).isEqualTo(2);
        assertThat(resolved("models:/" + name + "/latest")).isEqualTo(3);

        mlflow.transition(name, "3", "Production", true);
        assertThat(resolved("models:/" + name + "/Production")).isEqualTo(3);

        assertProblem(resolve("models:/" + name + "/Archived/x"), 400, "INVALID_PARAMETER_VALUE", "exactly one version");
        assertProblem(resolve("models:/" + name + "/None"), 404, "RESOURCE_DOES_NOT_EXIST", "is in stage 'None'");
        assertProblem(resolve("models:/" + name + "@nobody"), 404, "RESOURCE_DOES_NOT_EXIST",
                "Registered model alias nobody not found.");
        assertProblem(resolve("runs:/" + run.runId() + "/model"), 400, "INVALID_PARAMETER_VALUE",
                "not a registered model version");
        assertProblem(resolve("hdfs://x"), 400, "INVALID_PARAMETER_VALUE", "Use models:/<name>/<version>");
        assertProblem(http.get("/api/v1/model-uris"), 400, "INVALID_PARAMETER_VALUE",
                "Missing value for required parameter 'uri'");
    }

    @Test
    void refusalsAreProblemDetails() {
        String name = mlflow.model("problems");
        Run empty = mlflow.run();
        assertProblem(http.postJson("/api/v1/models/" + name + "/versions", "{\"source\": \"" + empty.modelUri() + "\"}"),
                400, "INVALID_PARAMETER_VALUE", "No MLmodel file");
        assertProblem(http.postJson("/api/v1/models", "{\"name\": \"" + name + "\"}"), 400, "RESOURCE_ALREADY_EXISTS",
                "already exists");
        assertProblem(http.get("/api/v1/models/missing-model"), 404, "RESOURCE_DOES_NOT_EXIST",
                "Registered Model with name=missing-model not found");
        assertProblem(http.get("/api/v1/models/" + name + "/versions/x"), 400, "INVALID_PARAMETER_VALUE",
                "must be an integer");
        assertProblem(http.sendJson("PUT", "/api/v1/models/" + name + "/aliases/v1", "{\"version\": 1}"), 400,
                "INVALID_PARAMETER_VALUE", "reserved");
        assertProblem(http.sendJson("PUT", "/api/v1/models/" + name + "/aliases/best", "{}"), 400,
                "INVALID_PARAMETER_VALUE", "'version'");
    }

    // ---------------------------------------------------------------- helpers

    private static long resolved(String uri) {
        HttpResult result = resolve(uri);
        JsonNode body = ok(result);
        assertThat(body.path("uri").asText()).isEqualTo(uri);
        return body.at("/model_version/version").asLong();
    }

    private static HttpResult resolve(String uri) {
        return http.get("/api/v1/model-uris?uri=" + URLEncoder.encode(uri, StandardCharsets.UTF_8));
    }

    static JsonNode created(HttpResult result) {
        assertThat(result.status()).as(result.body()).isEqualTo(201);
        return result.json();
    }

    static JsonNode ok(HttpResult result) {
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        return result.json();
    }

    static void assertProblem(HttpResult result, int status, String code, String detail) {
        assertThat(result.status()).as(result.body()).isEqualTo(status);
        assertThat(result.header("Content-Type")).startsWith("application/problem+json");
        assertThat(result.json().path("code").asText()).isEqualTo(code);
        assertThat(result.json().path("detail").asText()).contains(detail);
    }
}
