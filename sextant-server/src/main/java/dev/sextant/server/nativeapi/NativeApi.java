package dev.sextant.server.nativeapi;

import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.registry.RegistryService;
import dev.sextant.registry.lineage.LineageService;
import dev.sextant.server.http.Routes;
import dev.sextant.serving.deployment.DeploymentService;
import dev.sextant.serving.endpoint.ServingPlane;
import dev.sextant.tracking.TrackingService;
import io.helidon.http.HeaderValues;
import java.time.Clock;

/** Sextant's own resource-oriented REST API under {@value #PREFIX}, described by {@code /openapi.json}. */
public final class NativeApi {
    public static final String PREFIX = "/api/v1";

    private NativeApi() {
    }

    public static Routes routes(TrackingService tracking, ArtifactStore artifacts, Clock clock, String version,
                                long maxBodyBytes) {
        NativeRequests requests = new NativeRequests(maxBodyBytes);
        ExperimentResource experiments = new ExperimentResource(tracking, requests);
        RunResource runs = new RunResource(tracking, requests, new Provenance(version), clock);
        RunDataResource data = new RunDataResource(tracking, artifacts, requests, clock);
        return new Routes()
                .post("/runs/{id}/batch", data::batch)
                .get("/runs/{id}/metrics/{+key}/history", data::history)
                .get("/runs/{id}/artifacts", data::artifacts)
                .post("/runs/{id}/restore", runs::restore)
                .get("/runs/{id}", runs::get)
                .patch("/runs/{id}", runs::update)
                .delete("/runs/{id}", runs::delete)
                .get("/runs", runs::search)
                .post("/runs", runs::create)
                .get("/experiments/by-name/{+name}", experiments::getByName)
                .post("/experiments/{id}/restore", experiments::restore)
                .put("/experiments/{id}/tags/{+key}", experiments::setTag)
                .delete("/experiments/{id}/tags/{+key}", experiments::deleteTag)
                .get("/experiments/{id}", experiments::get)
                .patch("/experiments/{id}", experiments::update)
                .delete("/experiments/{id}", experiments::delete)
                .get("/experiments", experiments::search)
                .post("/experiments", experiments::create);
    }

    /**
     * The registry's native routes, registered under {@value #PREFIX} beside {@link #routes}:
     * registered models, versions, aliases and tags, model URI resolution, lineage.
     */
    public static Routes registryRoutes(RegistryService registry, LineageService lineage, long maxBodyBytes) {
        NativeRequests requests = new NativeRequests(maxBodyBytes);
        ModelResource models = new ModelResource(registry, requests);
        ModelVersionResource versions = new ModelVersionResource(registry, requests);
        LineageResource lineages = new LineageResource(lineage, registry);
        return new Routes()
                .put("/models/{name}/versions/{version}/tags/{+key}", versions::setTag)
                .delete("/models/{name}/versions/{version}/tags/{+key}", versions::deleteTag)
                .get("/models/{name}/versions/{version}", versions::get)
                .patch("/models/{name}/versions/{version}", versions::update)
                .delete("/models/{name}/versions/{version}", versions::delete)
                .get("/models/{name}/versions", versions::search)
                .post("/models/{name}/versions", versions::create)
                .get("/models/{name}/aliases/{alias}", models::getAlias)
                .put("/models/{name}/aliases/{alias}", models::setAlias)
                .delete("/models/{name}/aliases/{alias}", models::deleteAlias)
                .put("/models/{name}/tags/{+key}", models::setTag)
                .delete("/models/{name}/tags/{+key}", models::deleteTag)
                .get("/models/{name}", models::get)
                .patch("/models/{name}", models::update)
                .delete("/models/{name}", models::delete)
                .get("/models", models::search)
                .post("/models", models::create)
                .get("/model-uris", lineages::resolve)
                .get("/lineage/upstream", lineages::upstream)
                .get("/lineage/downstream", lineages::downstream);
    }

    /**
     * Deployments under {@value #PREFIX}: create, read, replace, patch and delete, and the rollout
     * actions (switch, promote, rollback).
     */
    public static Routes deploymentRoutes(DeploymentService deployments, ServingPlane plane, long maxBodyBytes) {
        DeploymentResource resource = new DeploymentResource(deployments, plane, maxBodyBytes);
        return new Routes()
                .post("/deployments/{name}/switch", resource::switchColor)
                .post("/deployments/{name}/promote", resource::promote)
                .post("/deployments/{name}/rollback", resource::rollback)
                .get("/deployments/{name}", resource::get)
                .put("/deployments/{name}", resource::put)
                .patch("/deployments/{name}", resource::patch)
                .delete("/deployments/{name}", resource::delete)
                .get("/deployments", resource::list)
                .post("/deployments", resource::create);
    }

    /** {@code GET /openapi.json}: the hand-written description of every route above. */
    public static Routes openApi() {
        byte[] document = OpenApiDocument.load();
        return new Routes().get("/openapi.json", (req, res) -> {
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send(document);
        });
    }
}
