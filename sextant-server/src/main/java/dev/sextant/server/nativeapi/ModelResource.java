package dev.sextant.server.nativeapi;

import dev.sextant.api.SextantException;
import dev.sextant.registry.RegisteredModel;
import dev.sextant.registry.RegistrySearch;
import dev.sextant.registry.RegistryService;
import dev.sextant.server.http.Fields;
import dev.sextant.server.http.Json;
import dev.sextant.server.http.JsonResponses;
import dev.sextant.tracking.Tag;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** {@code /api/v1/models}: registered models with their tags and aliases. */
final class ModelResource {
    private final RegistryService registry;
    private final NativeRequests requests;

    ModelResource(RegistryService registry, NativeRequests requests) {
        this.registry = registry;
        this.requests = requests;
    }

    void search(ServerRequest req, ServerResponse res) {
        Fields query = NativeRequests.query(req);
        NativeRequests.page(res, "models", registry.searchRegisteredModels(new RegistrySearch(query.string("filter"),
                query.strings("order_by"), query.int64("max_results"), query.string("page_token"))), ModelWire::model);
    }

    void create(ServerRequest req, ServerResponse res) {
        Fields body = requests.body(req);
        RegisteredModel model = registry.createRegisteredModel(body.requiredString("name"), body.string("description"),
                ExperimentResource.tags(body.stringMap("tags")));
        NativeRequests.created(res, location(model.name()), json -> ModelWire.model(json, model));
    }

    void get(ServerRequest req, ServerResponse res) {
        send(res, registry.getRegisteredModel(NativeRequests.pathParam(req, "name")));
    }

    /** Renames ({@code name}) and describes ({@code description}); fields left out stay as they are. */
    void update(ServerRequest req, ServerResponse res) {
        String name = NativeRequests.pathParam(req, "name");
        Fields body = requests.body(req);
        if (body.has("description")) {
            registry.updateRegisteredModel(name, body.string("description"));
        }
        if (body.has("name") && !body.string("name").equals(name)) {
            name = registry.renameRegisteredModel(name, body.requiredString("name")).name();
        }
        send(res, registry.getRegisteredModel(name));
    }

    void delete(ServerRequest req, ServerResponse res) {
        registry.deleteRegisteredModel(NativeRequests.pathParam(req, "name"));
        NativeRequests.noContent(res);
    }

    void setTag(ServerRequest req, ServerResponse res) {
        String name = NativeRequests.pathParam(req, "name");
        String key = NativeRequests.pathParam(req, "key");
        registry.setRegisteredModelTag(name, new Tag(key, requests.body(req).string("value")));
        NativeRequests.noContent(res);
    }

    void deleteTag(ServerRequest req, ServerResponse res) {
        registry.deleteRegisteredModelTag(NativeRequests.pathParam(req, "name"), NativeRequests.pathParam(req, "key"));
        NativeRequests.noContent(res);
    }

    void getAlias(ServerRequest req, ServerResponse res) {
        String name = NativeRequests.pathParam(req, "name");
        ModelVersionResource.send(res, registry.getVersionByAlias(name, NativeRequests.pathParam(req, "alias")));
    }

    /** Points the alias at {@code version} (a number or its decimal text) and answers with that version. */
    void setAlias(ServerRequest req, ServerResponse res) {
        String name = NativeRequests.pathParam(req, "name");
        String alias = NativeRequests.pathParam(req, "alias");
        Fields body = requests.body(req);
        String version = body.int64("version").stream().mapToObj(Long::toString).findFirst()
                .orElseThrow(() -> SextantException.missingParameter("version"));
        registry.setAlias(name, alias, version);
        ModelVersionResource.send(res, registry.getVersionByAlias(name, alias));
    }

    void deleteAlias(ServerRequest req, ServerResponse res) {
        registry.deleteAlias(NativeRequests.pathParam(req, "name"), NativeRequests.pathParam(req, "alias"));
        NativeRequests.noContent(res);
    }

    static String location(String name) {
        return "/api/v1/models/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void send(ServerResponse res, RegisteredModel model) {
        JsonResponses.send(res, Json.NATIVE, json -> ModelWire.model(json, model));
    }
}
