package dev.sextant.server.registry;

import static dev.sextant.server.registry.RegistryClient.assertError;
import static dev.sextant.server.registry.RegistryClient.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.HttpResult;
import dev.sextant.server.ModelPackages;
import dev.sextant.server.ServerTest;
import dev.sextant.server.registry.RegistryClient.Run;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every MLflow registry route against a real server: happy paths and MLflow's error codes. */
class MlflowRegistryIT extends ServerTest {
    static RegistryClient api;
    static Run logged;

    @BeforeAll
    static void start() {
        api = new RegistryClient(server.http());
        logged = api.runWithModel(true);
    }

    // ---------------------------------------------------------------- registered models

    @Test
    void registeredModelsAreCreatedDescribedRenamedAndDeleted() {
        String name = RegistryClient.unique("churn");
        JsonNode created = ok(api.post("/registered-models/create", "{\"name\": \"" + name + "\", \"description\": "
                + "\"first\", \"tags\": [{\"key\": \"team\", \"value\": \"growth\"}]}")).json().path("registered_model");
        assertThat(created.path("name").asText()).isEqualTo(name);
        assertThat(created.path("description").asText()).isEqualTo("first");
        assertThat(created.path("tags").get(0).path("key").asText()).isEqualTo("team");
        assertThat(created.path("creation_timestamp").isIntegralNumber()).isTrue();
        assertThat(created.has("latest_versions")).isFalse();

        assertError(api.post("/registered-models/create", "{\"name\": \"" + name + "\"}"), 400,
                "RESOURCE_ALREADY_EXISTS", "Registered Model (name=" + name + ") already exists.");

        JsonNode updated = ok(api.send("PATCH", "/registered-models/update", "{\"name\": \"" + name
                + "\", \"description\": \"second\"}")).json().path("registered_model");
        assertThat(updated.path("description").asText()).isEqualTo("second");
        JsonNode untouched = ok(api.send("PATCH", "/registered-models/update", "{\"name\": \"" + name + "\"}")).json();
        assertThat(untouched.at("/registered_model/description").asText()).isEqualTo("second");

        String renamed = name + "-renamed";
        assertThat(ok(api.post("/registered-models/rename", "{\"name\": \"" + name + "\", \"new_name\": \"" + renamed
                + "\"}")).json().at("/registered_model/name").asText()).isEqualTo(renamed);
        assertError(api.get("/registered-models/get", "name", name), 404, "RESOURCE_DOES_NOT_EXIST",
                "Registered Model with name=" + name + " not found");
        assertThat(ok(api.get("/registered-models/get", "name", renamed)).json().at("/registered_model/description")
                .asText()).isEqualTo("second");

        ok(api.send("DELETE", "/registered-models/delete", "{\"name\": \"" + renamed + "\"}"));
        assertError(api.get("/registered-models/get", "name", renamed), 404, "RESOURCE_DOES_NOT_EXIST", "not found");
        assertError(api.send("DELETE", "/registered-models/delete", "{\"name\": \"" + renamed + "\"}"), 404,
                "RESOURCE_DOES_NOT_EXIST", "not found");
    }

    @Test
    void registeredModelTagsAreSetAndDeleted() {
        String name = api.model("tagged");
        ok(api.post("/registered-models/set-tag", "{\"name\": \"" + name + "\", \"key\": \"owner\", \"value\": \"ml\"}"));
        assertThat(ok(api.get("/registered-models/get", "name", name)).json().at("/registered_model/tags/0/value")
                .asText()).isEqualTo("ml");
        ok(api.send("DELETE", "/registered-models/delete-tag", "{\"name\": \"" + name + "\", \"key\": \"owner\"}"));
        assertThat(ok(api.get("/registered-models/get", "name", name)).json().at("/registered_model").has("tags"))
                .isFalse();
        assertError(api.post("/registered-models/set-tag", "{\"name\": \"" + name + "\", \"key\": \"a*b\"}"), 400,
                "INVALID_PARAMETER_VALUE", "Names may only contain");
        assertError(api.post("/registered-models/set-tag", "{\"name\": \"nope-x\", \"key\": \"k\", \"value\": \"v\"}"),
                404, "RESOURCE_DOES_NOT_EXIST", "Registered Model with name=nope-x not found");
    }

    @Test
    void registeredModelSearchFiltersOrdersAndPages() {
        String prefix = RegistryClient.unique("search");
        for (String suffix : List.of("c", "a", "b")) {
            ok(api.post("/registered-models/create", "{\"name\": \"" + prefix + "-" + suffix + "\", \"tags\": "
                    + "[{\"key\": \"group\", \"value\": \"" + (suffix.equals("b") ? "odd" : "even") + "\"}]}"));
        }
        JsonNode all = ok(api.get("/registered-models/search", "filter", "name LIKE '" + prefix + "%'")).json();
        assertThat(names(all.path("registered_models"))).containsExactly(prefix + "-a", prefix + "-b", prefix + "-c");

        JsonNode desc = ok(api.get("/registered-models/search", "filter", "name LIKE '" + prefix + "%'", "order_by",
                "name DESC")).json();
        assertThat(names(desc.path("registered_models"))).containsExactly(prefix + "-c", prefix + "-b", prefix + "-a");

        JsonNode tagged = ok(api.get("/registered-models/search", "filter", "name ILIKE '" + prefix.toUpperCase()
                + "%' and tags.group = 'even'")).json();
        assertThat(names(tagged.path("registered_models"))).containsExactly(prefix + "-a", prefix + "-c");

        JsonNode first = ok(api.get("/registered-models/search", "filter", "name LIKE '" + prefix + "%'",
                "max_results", "2")).json();
        assertThat(names(first.path("registered_models"))).containsExactly(prefix + "-a", prefix + "-b");
        JsonNode second = ok(api.get("/registered-models/search", "filter", "name LIKE '" + prefix + "%'",
                "max_results", "2", "page_token", first.path("next_page_token").asText())).json();
        assertThat(names(second.path("registered_models"))).containsExactly(prefix + "-c");
        assertThat(second.has("next_page_token")).isFalse();

        assertError(api.get("/registered-models/search", "max_results", "1001"), 400, "INVALID_PARAMETER_VALUE",
                "It must be at most 1000, but got value 1001");
        assertError(api.get("/registered-models/search", "filter", "metrics.acc > 1"), 400, "INVALID_PARAMETER_VALUE",
                "registered model search");
        assertError(api.get("/registered-models/search", "page_token", "garbage!"), 400, "INVALID_PARAMETER_VALUE",
                "page token");
    }

    // ---------------------------------------------------------------- versions

    @Test
    void versionsAreRegisteredFromRunsUrisWithTheirRun() {
        String name = api.model("iris");
        JsonNode version = api.register(name, logged.modelUri());

        assertThat(version.path("version").asText()).isEqualTo("1");
        assertThat(version.path("current_stage").asText()).isEqualTo("None");
        assertThat(version.path("status").asText()).isEqualTo("READY");
        assertThat(version.path("run_id").asText()).isEqualTo(logged.runId());
        assertThat(version.path("source").asText()).isEqualTo(logged.modelUri());

        JsonNode got = ok(api.get("/model-versions/get", "name", name, "version", "1")).json().path("model_version");
        assertThat(got).isEqualTo(version);
        assertThat(ok(api.get("/model-versions/get-download-uri", "name", name, "version", "1")).json()
                .path("artifact_uri").asText()).isEqualTo(logged.artifactUri() + "/model");
        JsonNode model = ok(api.get("/registered-models/get", "name", name)).json().path("registered_model");
        assertThat(model.path("latest_versions").get(0).path("version").asText()).isEqualTo("1");

        // MLflow's Python client sends a runs:/ source as the run's artifact URI plus run_id.
        JsonNode second = ok(api.post("/model-versions/create", "{\"name\": \"" + name + "\", \"source\": \""
                + logged.artifactUri() + "/model\", \"run_id\": \"" + logged.runId() + "\"}")).json().path("model_version");
        assertThat(second.path("version").asText()).isEqualTo("2");
        assertThat(second.path("run_id").asText()).isEqualTo(logged.runId());
        JsonNode copy = api.register(name, "models:/" + name + "/1");
        assertThat(copy.path("version").asText()).isEqualTo("3");
        assertThat(copy.path("run_id").asText()).isEqualTo(logged.runId());
    }

    @Test
    void versionsAreDescribedTaggedAndSearched() {
        String name = api.model("described");
        api.register(name, logged.modelUri());
        Run other = api.runWithModel(false);
        api.register(name, other.modelUri());

        JsonNode described = ok(api.send("PATCH", "/model-versions/update", "{\"name\": \"" + name
                + "\", \"version\": \"1\", \"description\": \"baseline\"}")).json().path("model_version");
        assertThat(described.path("description").asText()).isEqualTo("baseline");
        ok(api.post("/model-versions/set-tag", "{\"name\": \"" + name + "\", \"version\": \"2\", \"key\": "
                + "\"validated\", \"value\": \"true\"}"));

        // MLflow's default order: last updated first; version 1 was described after version 2 was registered.
        assertThat(versions(ok(api.get("/model-versions/search", "filter", "name = '" + name + "'")).json()))
                .containsExactly("1", "2");
        assertThat(versions(ok(api.get("/model-versions/search", "filter", "name = '" + name + "' and run_id IN ('"
                + other.runId() + "')")).json())).containsExactly("2");
        assertThat(versions(ok(api.get("/model-versions/search", "filter", "tags.validated = 'true' and name = '"
                + name + "'")).json())).containsExactly("2");
        assertThat(versions(ok(api.get("/model-versions/search", "filter", "name = '" + name
                + "' and version_number < 2", "order_by", "version_number ASC")).json())).containsExactly("1");
        assertThat(versions(ok(server.http().get("/ajax-api/2.0/mlflow/model-versions/search?filter="
                + URLEncoder.encode("name = '" + name + "'", StandardCharsets.UTF_8)
                + "&max_results=1")).json())).containsExactly("1");

        ok(api.send("DELETE", "/model-versions/delete-tag", "{\"name\": \"" + name + "\", \"version\": \"2\", "
                + "\"key\": \"validated\"}"));
        assertThat(ok(api.get("/model-versions/get", "name", name, "version", "2")).json().at("/model_version")
                .has("tags")).isFalse();
        assertError(api.get("/model-versions/search", "max_results", "200001"), 400, "INVALID_PARAMETER_VALUE",
                "It must be at most 200000");
    }

    @Test
    void sourcesThatAreNotReadableOnnxModelsAreRefused() {
        String name = api.model("refused");
        Run empty = api.run();
        assertError(api.post("/model-versions/create", source(name, empty.modelUri())), 400,
                "INVALID_PARAMETER_VALUE", "No MLmodel file");

        Run corrupt = api.run();
        ModelPackages.upload(server.http(), corrupt.artifactUri(), "model",
                ModelPackages.files(corrupt.runId(), true, ModelPackages.utf8("this is not an onnx graph")));
        assertError(api.post("/model-versions/create", source(name, corrupt.modelUri())), 400,
                "INVALID_PARAMETER_VALUE", "Cannot register a model version from '" + corrupt.artifactUri() + "/model'");

        Run sklearn = api.run();
        ModelPackages.upload(server.http(), sklearn.artifactUri(), "model", Map.of("MLmodel",
                ModelPackages.utf8("flavors:\n  sklearn:\n    pickled_model: model.pkl\n    sklearn_version: 1.5.2\n"),
                "model.pkl", new byte[] {1, 2, 3}));
        assertError(api.post("/model-versions/create", source(name, sklearn.modelUri())), 400,
                "INVALID_PARAMETER_VALUE", "has no ONNX flavor");

        assertError(api.post("/model-versions/create", source(name, "s3://bucket/model")), 400,
                "INVALID_PARAMETER_VALUE", "only registers models it can read");
        assertError(api.post("/model-versions/create", source(name, "mlflow-artifacts:/../../etc")), 400,
                "INVALID_PARAMETER_VALUE", "must stay inside the artifact store");
        assertError(api.post("/model-versions/create", source(name, "runs:/0123456789abcdef0123456789abcdef/model")),
                404, "RESOURCE_DOES_NOT_EXIST", "Run with id=0123456789abcdef0123456789abcdef not found");
        assertError(api.post("/model-versions/create", source(name, "models:/" + name + "/9")), 404,
                "RESOURCE_DOES_NOT_EXIST", "Model Version (name=" + name + ", version=9) not found");
        assertError(api.post("/model-versions/create", source("no-such-model", logged.modelUri())), 404,
                "RESOURCE_DOES_NOT_EXIST", "Registered Model with name=no-such-model not found");
        assertError(api.post("/model-versions/create", "{\"name\": \"" + name + "\"}"), 400,
                "INVALID_PARAMETER_VALUE", "Missing value for required parameter 'source'");
        assertError(api.post("/model-versions/create", "{\"name\": \"" + name + "\", \"source\": \""
                + logged.modelUri() + "\", \"run_id\": \"" + empty.runId() + "\"}"), 400, "INVALID_PARAMETER_VALUE",
                "belongs to run " + logged.runId());

        assertThat(ok(api.get("/registered-models/get", "name", name)).json().at("/registered_model")
                .has("latest_versions")).as("nothing was registered").isFalse();
        assertThat(api.register(name, logged.modelUri()).path("version").asText()).isEqualTo("1");
    }

    // ---------------------------------------------------------------- stages and latest versions

    @Test
    void transitionsArchiveExistingVersionsAndLatestVersionsFollow() {
        String name = api.model("staged");
        for (int i = 0; i < 4; i++) {
            api.register(name, logged.modelUri());
        }
        api.transition(name, "1", "Production", false);
        api.transition(name, "2", "staging", false);
        JsonNode moved = ok(api.post("/model-versions/transition-stage", "{\"name\": \"" + name + "\", \"version\": "
                + "\"3\", \"stage\": \"Production\", \"archive_existing_versions\": true}")).json().path("model_version");
        assertThat(moved.path("current_stage").asText()).isEqualTo("Production");
        assertThat(stage(name, "1")).isEqualTo("Archived");

        JsonNode latest = ok(api.post("/registered-models/get-latest-versions", "{\"name\": \"" + name + "\"}")).json();
        assertThat(stagesAndVersions(latest)).containsExactlyInAnyOrder("Archived:1", "Staging:2", "Production:3",
                "None:4");
        JsonNode production = ok(server.http().get(RegistryClient.API + "/registered-models/get-latest-versions?name="
                + name + "&stages=Production&stages=None")).json();
        assertThat(stagesAndVersions(production)).containsExactlyInAnyOrder("Production:3", "None:4");

        assertError(api.post("/model-versions/transition-stage", "{\"name\": \"" + name + "\", \"version\": \"4\", "
                + "\"stage\": \"Shipping\"}"), 400, "INVALID_PARAMETER_VALUE",
                "Invalid Model Version stage: Shipping. Value must be one of None, Staging, Production, Archived.");
        assertError(api.post("/model-versions/transition-stage", "{\"name\": \"" + name + "\", \"version\": \"4\", "
                + "\"stage\": \"Archived\", \"archive_existing_versions\": true}"), 400, "INVALID_PARAMETER_VALUE",
                "'Archived' is not an Active stage");
        assertError(api.post("/registered-models/get-latest-versions", "{\"name\": \"" + name + "\", \"stages\": "
                + "[\"Prod\"]}"), 400, "INVALID_PARAMETER_VALUE", "Invalid Model Version stage: Prod");
        assertError(api.post("/model-versions/transition-stage", "{\"name\": \"" + name + "\", \"version\": \"abc\", "
                + "\"stage\": \"None\"}"), 400, "INVALID_PARAMETER_VALUE",
                "Parameter 'version' must be an integer, got 'abc'.");
        assertError(api.post("/model-versions/transition-stage", "{\"name\": \"" + name + "\", \"version\": \"40\", "
                + "\"stage\": \"None\"}"), 404, "RESOURCE_DOES_NOT_EXIST", "Model Version (name=" + name
                + ", version=40) not found");
    }

    // ---------------------------------------------------------------- aliases

    @Test
    void aliasesAreSetResolvedMovedAndDeleted() {
        String name = api.model("aliased");
        api.register(name, logged.modelUri());
        api.register(name, logged.modelUri());

        ok(api.post("/registered-models/alias", "{\"name\": \"" + name + "\", \"alias\": \"champion\", \"version\": \"1\"}"));
        assertThat(ok(api.get("/registered-models/alias", "name", name, "alias", "champion")).json()
                .at("/model_version/version").asText()).isEqualTo("1");
        ok(api.post("/registered-models/alias", "{\"name\": \"" + name + "\", \"alias\": \"champion\", \"version\": \"2\"}"));
        JsonNode version = ok(api.get("/model-versions/get", "name", name, "version", "2")).json().path("model_version");
        assertThat(version.path("aliases").get(0).asText()).isEqualTo("champion");
        JsonNode model = ok(api.get("/registered-models/get", "name", name)).json().path("registered_model");
        assertThat(model.path("aliases").get(0).path("alias").asText()).isEqualTo("champion");
        assertThat(model.path("aliases").get(0).path("version").asText()).isEqualTo("2");

        assertError(api.post("/registered-models/alias", alias(name, "Latest", "1")), 400, "INVALID_PARAMETER_VALUE",
                "'latest' alias name (case insensitive) is reserved.");
        assertError(api.post("/registered-models/alias", alias(name, "v7", "1")), 400, "INVALID_PARAMETER_VALUE",
                "Version alias name 'v7' is reserved.");
        assertError(api.post("/registered-models/alias", alias(name, "bad alias", "1")), 400, "INVALID_PARAMETER_VALUE",
                "Invalid alias name: 'bad alias'.");
        assertError(api.post("/registered-models/alias", alias(name, "next", "9")), 404, "RESOURCE_DOES_NOT_EXIST",
                "Model Version (name=" + name + ", version=9) not found");

        ok(api.send("DELETE", "/registered-models/alias", "{\"name\": \"" + name + "\", \"alias\": \"champion\"}"));
        assertError(api.get("/registered-models/alias", "name", name, "alias", "champion"), 404,
                "RESOURCE_DOES_NOT_EXIST", "Registered model alias champion not found.");
    }

    // ---------------------------------------------------------------- deleting what is in use

    @Test
    void versionsInUseCannotBeDeleted() {
        String name = api.model("guarded");
        api.register(name, logged.modelUri());
        api.register(name, logged.modelUri());
        api.register(name, logged.modelUri());
        api.transition(name, "1", "Production", false);
        ok(api.post("/registered-models/alias", alias(name, "champion", "2")));

        assertError(api.send("DELETE", "/model-versions/delete", version(name, "1")), 409, "RESOURCE_CONFLICT",
                "it is in stage 'Production'");
        assertError(api.send("DELETE", "/model-versions/delete", version(name, "2")), 409, "RESOURCE_CONFLICT",
                "has alias 'champion'");
        assertError(api.send("DELETE", "/registered-models/delete", "{\"name\": \"" + name + "\"}"), 409,
                "RESOURCE_CONFLICT", "version 1 is in stage 'Production'; version 2 has alias 'champion'");

        ok(api.send("DELETE", "/model-versions/delete", version(name, "3")));
        assertError(api.get("/model-versions/get", "name", name, "version", "3"), 404, "RESOURCE_DOES_NOT_EXIST",
                "not found");
        assertThat(api.register(name, logged.modelUri()).path("version").asText()).as("numbers are never reused")
                .isEqualTo("4");

        api.transition(name, "1", "Archived", false);
        ok(api.send("DELETE", "/registered-models/alias", "{\"name\": \"" + name + "\", \"alias\": \"champion\"}"));
        ok(api.send("DELETE", "/model-versions/delete", version(name, "1")));
        ok(api.send("DELETE", "/registered-models/delete", "{\"name\": \"" + name + "\"}"));
        assertError(api.get("/model-versions/get", "name", name, "version", "2"), 404, "RESOURCE_DOES_NOT_EXIST",
                "not found");
    }

    // ---------------------------------------------------------------- request errors

    @Test
    void malformedRequestsGetMlflowsErrors() {
        assertError(api.post("/registered-models/create", "{}"), 400, "INVALID_PARAMETER_VALUE",
                "Missing value for required parameter 'name'");
        assertError(api.post("/registered-models/create", "{\"name\": \"a/b\"}"), 400, "INVALID_PARAMETER_VALUE",
                "Names cannot contain '/' or ':'.");
        assertError(api.post("/registered-models/create", "{\"name\": 7}"), 400, "INVALID_PARAMETER_VALUE",
                "Invalid value 7 for parameter 'name' supplied");
        assertError(api.get("/model-versions/get", "name", "x"), 400, "INVALID_PARAMETER_VALUE",
                "Missing value for required parameter 'version'");
        HttpResult noType = server.http().send("POST", RegistryClient.API + "/registered-models/create",
                BodyPublishers.ofString("{\"name\": \"x\"}"));
        assertError(noType, 400, "INVALID_PARAMETER_VALUE", "Content-Type header is missing");
        assertError(api.send("PUT", "/registered-models/create", "{}"), 405, "METHOD_NOT_ALLOWED", "Use POST");
        assertError(api.post("/model-versions/transition-stage", "{\"name\": \"x\", \"version\": \"1\", \"stage\": "
                + "\"None\", \"archive_existing_versions\": \"yes\"}"), 400, "INVALID_PARAMETER_VALUE",
                "archive_existing_versions");
    }

    // ---------------------------------------------------------------- helpers

    private static String stage(String name, String version) {
        return ok(api.get("/model-versions/get", "name", name, "version", version)).json()
                .at("/model_version/current_stage").asText();
    }

    private static List<String> stagesAndVersions(JsonNode response) {
        List<String> out = new ArrayList<>();
        response.path("model_versions").forEach(v -> out.add(v.path("current_stage").asText() + ":"
                + v.path("version").asText()));
        return out;
    }

    private static List<String> names(JsonNode models) {
        List<String> out = new ArrayList<>();
        models.forEach(m -> out.add(m.path("name").asText()));
        return out;
    }

    private static List<String> versions(JsonNode response) {
        List<String> out = new ArrayList<>();
        response.path("model_versions").forEach(v -> out.add(v.path("version").asText()));
        return out;
    }

    private static String source(String name, String source) {
        return "{\"name\": \"" + name + "\", \"source\": \"" + source + "\"}";
    }

    private static String alias(String name, String alias, String version) {
        return "{\"name\": \"" + name + "\", \"alias\": \"" + alias + "\", \"version\": \"" + version + "\"}";
    }

    private static String version(String name, String version) {
        return "{\"name\": \"" + name + "\", \"version\": \"" + version + "\"}";
    }
}
