package dev.sextant.server.nativeapi;

import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.NewVersionRequest;
import dev.sextant.registry.RegistrySearch;
import dev.sextant.registry.RegistryService;
import dev.sextant.server.http.Fields;
import dev.sextant.server.http.Json;
import dev.sextant.server.http.JsonResponses;
import dev.sextant.tracking.Tag;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /api/v1/models/{name}/versions}: registration, stages, tags and deletion of versions. */
final class ModelVersionResource {
    private final RegistryService registry;
    private final NativeRequests requests;

    ModelVersionResource(RegistryService registry, NativeRequests requests) {
        this.registry = registry;
        this.requests = requests;
    }

    /** The model's versions, filtered further by an optional filter in the registry's grammar. */
    void search(ServerRequest req, ServerResponse res) {
        String name = NativeRequests.pathParam(req, "name");
        registry.getRegisteredModel(name);
        Fields query = NativeRequests.query(req);
        String own = "name = '" + name.replace("'", "''") + "'";
        String filter = query.string("filter").isBlank() ? own : own + " AND " + query.string("filter");
        NativeRequests.page(res, "versions", registry.searchModelVersions(new RegistrySearch(filter,
                query.strings("order_by"), query.int64("max_results"), query.string("page_token"))), ModelWire::version);
    }

    void create(ServerRequest req, ServerResponse res) {
        String name = NativeRequests.pathParam(req, "name");
        Fields body = requests.body(req);
        ModelVersion version = registry.createModelVersion(new NewVersionRequest(name, body.requiredString("source"),
                body.string("run_id"), body.string("run_link"), body.string("description"),
                ExperimentResource.tags(body.stringMap("tags"))));
        NativeRequests.created(res, ModelResource.location(name) + "/versions/" + version.version(),
                json -> ModelWire.version(json, version));
    }

    void get(ServerRequest req, ServerResponse res) {
        send(res, registry.getModelVersion(NativeRequests.pathParam(req, "name"),
                NativeRequests.pathParam(req, "version")));
    }

    /** Describes ({@code description}) and moves to a stage ({@code stage}, {@code archive_existing_versions}). */
    void update(ServerRequest req, ServerResponse res) {
        String name = NativeRequests.pathParam(req, "name");
        String version = NativeRequests.pathParam(req, "version");
        Fields body = requests.body(req);
        registry.getModelVersion(name, version);
        if (body.has("description")) {
            registry.updateModelVersion(name, version, body.string("description"));
        }
        if (body.has("stage")) {
            registry.transitionStage(name, version, body.requiredString("stage"),
                    body.bool("archive_existing_versions").orElse(false));
        }
        send(res, registry.getModelVersion(name, version));
    }

    void delete(ServerRequest req, ServerResponse res) {
        registry.deleteModelVersion(NativeRequests.pathParam(req, "name"), NativeRequests.pathParam(req, "version"));
        NativeRequests.noContent(res);
    }

    void setTag(ServerRequest req, ServerResponse res) {
        String name = NativeRequests.pathParam(req, "name");
        String version = NativeRequests.pathParam(req, "version");
        String key = NativeRequests.pathParam(req, "key");
        registry.setModelVersionTag(name, version, new Tag(key, requests.body(req).string("value")));
        NativeRequests.noContent(res);
    }

    void deleteTag(ServerRequest req, ServerResponse res) {
        registry.deleteModelVersionTag(NativeRequests.pathParam(req, "name"), NativeRequests.pathParam(req, "version"),
                NativeRequests.pathParam(req, "key"));
        NativeRequests.noContent(res);
    }

    static void send(ServerResponse res, ModelVersion version) {
        JsonResponses.send(res, Json.NATIVE, json -> ModelWire.version(json, version));
    }
}
