package dev.sextant.server.mlflow;

import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.NewVersionRequest;
import dev.sextant.registry.RegistrySearch;
import dev.sextant.registry.RegistryService;
import dev.sextant.server.http.Fields;
import dev.sextant.server.http.Json;
import dev.sextant.server.http.JsonResponses;
import dev.sextant.tracking.Page;
import dev.sextant.tracking.Tag;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** MLflow's model-version RPCs ({@code model_registry.proto}). */
final class ModelVersionHandlers {
    private final RegistryService registry;
    private final MlflowRequests requests;

    ModelVersionHandlers(RegistryService registry, MlflowRequests requests) {
        this.registry = registry;
        this.requests = requests;
    }

    void create(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String name = in.requiredString("name");
        String source = in.requiredString("source");
        RegistryWire.sendVersion(res, registry.createModelVersion(new NewVersionRequest(name, source,
                in.string("run_id"), in.string("run_link"), in.string("description"), MlflowReaders.tags(in, "tags"))));
    }

    void get(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String name = in.requiredString("name");
        RegistryWire.sendVersion(res, registry.getModelVersion(name, in.requiredString("version")));
    }

    /** An absent description leaves it as it is, as in MLflow. */
    void update(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String name = in.requiredString("name");
        String version = in.requiredString("version");
        ModelVersion updated = in.has("description")
                ? registry.updateModelVersion(name, version, in.string("description"))
                : registry.getModelVersion(name, version);
        RegistryWire.sendVersion(res, updated);
    }

    void transition(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String name = in.requiredString("name");
        String version = in.requiredString("version");
        String stage = in.requiredString("stage");
        RegistryWire.sendVersion(res, registry.transitionStage(name, version, stage,
                in.bool("archive_existing_versions").orElse(false)));
    }

    void delete(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String name = in.requiredString("name");
        registry.deleteModelVersion(name, in.requiredString("version"));
        JsonResponses.empty(res);
    }

    void search(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        Page<ModelVersion> page = registry.searchModelVersions(new RegistrySearch(in.string("filter"),
                in.strings("order_by"), in.int64("max_results"), in.string("page_token")));
        RegistryWire.sendVersions(res, page.items(), page.nextPageToken().orElse(""));
    }

    void downloadUri(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String name = in.requiredString("name");
        String uri = registry.getDownloadUri(name, in.requiredString("version"));
        JsonResponses.send(res, Json.MLFLOW, json -> {
            json.writeStartObject();
            json.writeStringField("artifact_uri", uri);
            json.writeEndObject();
        });
    }

    void setTag(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String name = in.requiredString("name");
        String version = in.requiredString("version");
        registry.setModelVersionTag(name, version, new Tag(in.requiredString("key"), in.string("value")));
        JsonResponses.empty(res);
    }

    void deleteTag(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String name = in.requiredString("name");
        String version = in.requiredString("version");
        registry.deleteModelVersionTag(name, version, in.requiredString("key"));
        JsonResponses.empty(res);
    }
}
