package dev.sextant.server.mlflow;

import dev.sextant.registry.RegistryService;
import dev.sextant.server.http.Routes;

/**
 * MLflow's model registry REST API ({@code model_registry.proto}), served beside the tracking API
 * under the same prefixes ({@link MlflowApi#PREFIXES}). DELETE requests carry a JSON body.
 */
public final class MlflowRegistryApi {

    private MlflowRegistryApi() {
    }

    public static Routes routes(RegistryService registry, long maxBodyBytes) {
        MlflowRequests requests = new MlflowRequests(maxBodyBytes);
        RegisteredModelHandlers models = new RegisteredModelHandlers(registry, requests);
        ModelVersionHandlers versions = new ModelVersionHandlers(registry, requests);
        return new Routes()
                .post("/registered-models/create", models::create)
                .post("/registered-models/rename", models::rename)
                .patch("/registered-models/update", models::update)
                .delete("/registered-models/delete", models::delete)
                .get("/registered-models/get", models::get)
                .get("/registered-models/search", models::search)
                .post("/registered-models/get-latest-versions", models::latestVersions)
                .get("/registered-models/get-latest-versions", models::latestVersions)
                .post("/registered-models/set-tag", models::setTag)
                .delete("/registered-models/delete-tag", models::deleteTag)
                .post("/registered-models/alias", models::setAlias)
                .delete("/registered-models/alias", models::deleteAlias)
                .get("/registered-models/alias", models::getAlias)
                .post("/model-versions/create", versions::create)
                .patch("/model-versions/update", versions::update)
                .post("/model-versions/transition-stage", versions::transition)
                .delete("/model-versions/delete", versions::delete)
                .get("/model-versions/get", versions::get)
                .get("/model-versions/search", versions::search)
                .get("/model-versions/get-download-uri", versions::downloadUri)
                .post("/model-versions/set-tag", versions::setTag)
                .delete("/model-versions/delete-tag", versions::deleteTag);
    }
}
