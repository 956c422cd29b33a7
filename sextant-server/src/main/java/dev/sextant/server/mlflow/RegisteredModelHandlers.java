package dev.sextant.server.mlflow;

import dev.sextant.registry.RegisteredModel;
import dev.sextant.registry.RegistrySearch;
import dev.sextant.registry.RegistryService;
import dev.sextant.server.http.Fields;
import dev.sextant.server.http.Json;
import dev.sextant.server.http.JsonResponses;
import dev.sextant.tracking.Page;
import dev.sextant.tracking.Tag;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** MLflow's registered-model RPCs, aliases included ({@code model_registry.proto}). */
final class RegisteredModelHandlers {
    private final RegistryService registry;
    private final MlflowRequests requests;

    RegisteredModelHandlers(RegistryService registry, MlflowRequests requests) {
        this.registry = registry;
        this.requests = requests;
    }

    void create(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        RegistryWire.sendModel(res, registry.createRegisteredModel(in.requiredString("name"),
                in.string("description"), MlflowReaders.tags(in, "tags")));
    }

    void get(ServerRequest req, ServerResponse res) {
        RegistryWire.sendModel(res, registry.getRegisteredModel(requests.read(req).requiredString("name")));
    }

    void rename(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String name = in.requiredString("name");
        RegistryWire.sendModel(res, registry.renameRegisteredModel(name, in.requiredString("new_name")));
    }

    /** An absent description leaves it as it is, as in MLflow. */
    void update(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String name = in.requiredString("name");
        RegisteredModel model = in.has("description")
                ? registry.updateRegisteredModel(name, in.string("description"))
                : registry.getRegisteredModel(name);
        RegistryWire.sendModel(res, model);
    }

    void delete(ServerRequest req, ServerResponse res) {
        registry.deleteRegisteredModel(requests.read(req).requiredString("name"));
        JsonResponses.empty(res);
    }

    void search(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        Page<RegisteredModel> page = registry.searchRegisteredModels(new RegistrySearch(in.string("filter"),
                in.strings("order_by"), in.int64("max_results"), in.string("page_token")));
        JsonResponses.send(res, Json.MLFLOW, json -> {
            json.writeStartObject();
            if (!page.items().isEmpty()) {
                json.writeArrayFieldStart("registered_models");
                for (RegisteredModel model : page.items()) {
                    RegistryWire.registeredModel(json, model);
                }
                json.writeEndArray();
            }
            if (page.nextPageToken().isPresent()) {
                json.writeStringField("next_page_token", page.nextPageToken().get());
            }
            json.writeEndObject();
        });
    }

    void latestVersions(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        RegistryWire.sendVersions(res, registry.getLatestVersions(in.requiredString("name"), in.strings("stages")), "");
    }

    void setTag(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String name = in.requiredString("name");
        registry.setRegisteredModelTag(name, new Tag(in.requiredString("key"), in.string("value")));
        JsonResponses.empty(res);
    }

    void deleteTag(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String name = in.requiredString("name");
        registry.deleteRegisteredModelTag(name, in.requiredString("key"));
        JsonResponses.empty(res);
    }

    void setAlias(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String name = in.requiredString("name");
        String alias = in.requiredString("alias");
        registry.setAlias(name, alias, in.requiredString("version"));
        JsonResponses.empty(res);
    }

    void deleteAlias(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String name = in.requiredString("name");
        registry.deleteAlias(name, in.requiredString("alias"));
        JsonResponses.empty(res);
    }

    void getAlias(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String name = in.requiredString("name");
        RegistryWire.sendVersion(res, registry.getVersionByAlias(name, in.requiredString("alias")));
    }
}
