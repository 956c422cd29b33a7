package dev.sextant.server.mlflow;

import static dev.sextant.api.security.ResourceKind.REGISTERED_MODEL;

import dev.sextant.registry.RegistryService;
import dev.sextant.server.http.Routes;
import dev.sextant.server.security.Locator;
import dev.sextant.server.security.Policy;

/**
 * MLflow's model registry REST API ({@code model_registry.proto}), served beside the tracking API
 * under the same prefixes ({@link MlflowApi#PREFIXES}). DELETE requests carry a JSON body.
 */
public final class MlflowRegistryApi {

    /** Versions are governed by their registered model's permissions; stages and aliases need MANAGE. */
    private static final Locator NAME = Locator.field("name");

    private MlflowRegistryApi() {
    }

    public static Routes routes(RegistryService registry, long maxBodyBytes) {
        MlflowRequests requests = new MlflowRequests(maxBodyBytes);
        RegisteredModelHandlers models = new RegisteredModelHandlers(registry, requests);
        ModelVersionHandlers versions = new ModelVersionHandlers(registry, requests);
        return new Routes()
                .post("/registered-models/create", Policy.edit(REGISTERED_MODEL, Locator.none()), models::create)
                .post("/registered-models/rename", Policy.edit(REGISTERED_MODEL, NAME), models::rename)
                .patch("/registered-models/update", Policy.edit(REGISTERED_MODEL, NAME), models::update)
                .delete("/registered-models/delete", Policy.manage(REGISTERED_MODEL, NAME), models::delete)
                .get("/registered-models/get", Policy.read(REGISTERED_MODEL, NAME), models::get)
                .get("/registered-models/search", Policy.read(REGISTERED_MODEL, Locator.none()), models::search)
                .post("/registered-models/get-latest-versions", Policy.read(REGISTERED_MODEL, NAME), models::latestVersions)
                .get("/registered-models/get-latest-versions", Policy.read(REGISTERED_MODEL, NAME), models::latestVersions)
                .post("/registered-models/set-tag", Policy.edit(REGISTERED_MODEL, NAME), models::setTag)
                .delete("/registered-models/delete-tag", Policy.edit(REGISTERED_MODEL, NAME), models::deleteTag)
                .post("/registered-models/alias", Policy.manage(REGISTERED_MODEL, NAME), models::setAlias)
                .delete("/registered-models/alias", Policy.manage(REGISTERED_MODEL, NAME), models::deleteAlias)
                .get("/registered-models/alias", Policy.read(REGISTERED_MODEL, NAME), models::getAlias)
                .post("/model-versions/create", Policy.edit(REGISTERED_MODEL, NAME), versions::create)
                .patch("/model-versions/update", Policy.edit(REGISTERED_MODEL, NAME), versions::update)
                .post("/model-versions/transition-stage", Policy.manage(REGISTERED_MODEL, NAME), versions::transition)
                .delete("/model-versions/delete", Policy.manage(REGISTERED_MODEL, NAME), versions::delete)
                .get("/model-versions/get", Policy.read(REGISTERED_MODEL, NAME), versions::get)
                .get("/model-versions/search", Policy.read(REGISTERED_MODEL, Locator.none()), versions::search)
                .get("/model-versions/get-download-uri", Policy.read(REGISTERED_MODEL, NAME), versions::downloadUri)
                .post("/model-versions/set-tag", Policy.edit(REGISTERED_MODEL, NAME), versions::setTag)
                .delete("/model-versions/delete-tag", Policy.edit(REGISTERED_MODEL, NAME), versions::deleteTag);
    }
}
