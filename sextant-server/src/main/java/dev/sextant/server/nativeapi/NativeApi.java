package dev.sextant.server.nativeapi;

import static dev.sextant.api.security.ResourceKind.DATASET;
import static dev.sextant.api.security.ResourceKind.DEPLOYMENT;
import static dev.sextant.api.security.ResourceKind.EXPERIMENT;
import static dev.sextant.api.security.ResourceKind.REGISTERED_MODEL;

import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.data.version.DatasetService;
import dev.sextant.registry.RegistryService;
import dev.sextant.registry.lineage.LineageService;
import dev.sextant.server.audit.AuditTrail;
import dev.sextant.server.http.Routes;
import dev.sextant.server.release.Release;
import dev.sextant.server.security.Locator;
import dev.sextant.server.security.Policy;
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
        // Runs are governed by their experiment's permissions.
        Locator run = Locator.experimentOfRun(Locator.path("id"));
        Locator experiment = Locator.path("id");
        MetricSeriesResource series = new MetricSeriesResource(tracking);
        return new Routes()
                .post("/runs/{id}/batch", Policy.edit(EXPERIMENT, run), data::batch)
                .get("/runs/{id}/metrics/{+key}/history", Policy.read(EXPERIMENT, run), data::history)
                .get("/runs/{id}/metrics/{+key}/downsampled", Policy.read(EXPERIMENT, run), series::downsampled)
                .get("/runs/{id}/artifacts", Policy.read(EXPERIMENT, run), data::artifacts)
                .post("/runs/{id}/restore", Policy.manage(EXPERIMENT, run), runs::restore)
                .get("/runs/{id}", Policy.read(EXPERIMENT, run), runs::get)
                .patch("/runs/{id}", Policy.edit(EXPERIMENT, run), runs::update)
                .delete("/runs/{id}", Policy.manage(EXPERIMENT, run), runs::delete)
                .get("/runs", Policy.read(EXPERIMENT, Locator.none()), runs::search)
                .post("/runs", Policy.edit(EXPERIMENT, Locator.field("experiment_id")), runs::create)
                .get("/experiments/by-name/{+name}", Policy.read(EXPERIMENT, Locator.experimentNamed(Locator.path("name"))),
                        experiments::getByName)
                .post("/experiments/{id}/restore", Policy.manage(EXPERIMENT, experiment), experiments::restore)
                .put("/experiments/{id}/tags/{+key}", Policy.edit(EXPERIMENT, experiment), experiments::setTag)
                .delete("/experiments/{id}/tags/{+key}", Policy.edit(EXPERIMENT, experiment), experiments::deleteTag)
                .get("/experiments/{id}", Policy.read(EXPERIMENT, experiment), experiments::get)
                .patch("/experiments/{id}", Policy.edit(EXPERIMENT, experiment), experiments::update)
                .delete("/experiments/{id}", Policy.manage(EXPERIMENT, experiment), experiments::delete)
                .get("/experiments", Policy.read(EXPERIMENT, Locator.none()), experiments::search)
                .post("/experiments", Policy.edit(EXPERIMENT, Locator.none()), experiments::create);
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
        // Versions, aliases and tags are governed by their registered model's permissions.
        Locator model = Locator.path("name");
        return new Routes()
                .put("/models/{name}/versions/{version}/tags/{+key}", Policy.edit(REGISTERED_MODEL, model), versions::setTag)
                .delete("/models/{name}/versions/{version}/tags/{+key}", Policy.edit(REGISTERED_MODEL, model), versions::deleteTag)
                .get("/models/{name}/versions/{version}", Policy.read(REGISTERED_MODEL, model), versions::get)
                .patch("/models/{name}/versions/{version}",
                        Policy.editOrManageWhenSet(REGISTERED_MODEL, model, "stage"), versions::update)
                .delete("/models/{name}/versions/{version}", Policy.manage(REGISTERED_MODEL, model), versions::delete)
                .get("/models/{name}/versions", Policy.read(REGISTERED_MODEL, model), versions::search)
                .post("/models/{name}/versions", Policy.edit(REGISTERED_MODEL, model), versions::create)
                .get("/models/{name}/aliases/{alias}", Policy.read(REGISTERED_MODEL, model), models::getAlias)
                .put("/models/{name}/aliases/{alias}", Policy.manage(REGISTERED_MODEL, model), models::setAlias)
                .delete("/models/{name}/aliases/{alias}", Policy.manage(REGISTERED_MODEL, model), models::deleteAlias)
                .put("/models/{name}/tags/{+key}", Policy.edit(REGISTERED_MODEL, model), models::setTag)
                .delete("/models/{name}/tags/{+key}", Policy.edit(REGISTERED_MODEL, model), models::deleteTag)
                .get("/models/{name}", Policy.read(REGISTERED_MODEL, model), models::get)
                .patch("/models/{name}", Policy.edit(REGISTERED_MODEL, model), models::update)
                .delete("/models/{name}", Policy.manage(REGISTERED_MODEL, model), models::delete)
                .get("/models", Policy.read(REGISTERED_MODEL, Locator.none()), models::search)
                .post("/models", Policy.edit(REGISTERED_MODEL, Locator.none()), models::create)
                .get("/model-uris", Policy.read(REGISTERED_MODEL, Locator.none()), lineages::resolve)
                .get("/lineage/upstream", Policy.read(REGISTERED_MODEL, Locator.none()), lineages::upstream)
                .get("/lineage/downstream", Policy.read(REGISTERED_MODEL, Locator.none()), lineages::downstream);
    }

    /**
     * Deployments under {@value #PREFIX}: create, read, replace, patch and delete, and the rollout
     * actions (switch, promote, rollback). Changing a spec needs EDIT on the deployment; moving
     * traffic between versions and deleting need MANAGE, as stages and deletion do for models.
     */
    public static Routes deploymentRoutes(DeploymentService deployments, ServingPlane plane, long maxBodyBytes) {
        DeploymentResource resource = new DeploymentResource(deployments, plane, maxBodyBytes);
        Locator deployment = Locator.path("name");
        return new Routes()
                .post("/deployments/{name}/switch", Policy.manage(DEPLOYMENT, deployment), resource::switchColor)
                .post("/deployments/{name}/promote", Policy.manage(DEPLOYMENT, deployment), resource::promote)
                .post("/deployments/{name}/rollback", Policy.manage(DEPLOYMENT, deployment), resource::rollback)
                .get("/deployments/{name}/metrics", Policy.read(DEPLOYMENT, deployment), resource::metrics)
                .get("/deployments/{name}", Policy.read(DEPLOYMENT, deployment), resource::get)
                .put("/deployments/{name}", Policy.edit(DEPLOYMENT, deployment), resource::put)
                .patch("/deployments/{name}", Policy.edit(DEPLOYMENT, deployment), resource::patch)
                .delete("/deployments/{name}", Policy.manage(DEPLOYMENT, deployment), resource::delete)
                .get("/deployments", Policy.read(DEPLOYMENT, Locator.none()), resource::list)
                .post("/deployments", Policy.edit(DEPLOYMENT, Locator.field("name")), resource::create);
    }

    /**
     * Releasing under {@value #PREFIX}: evaluations, release policies, gate verdicts, approvals,
     * promotions, rollbacks, the stage history and webhooks.
     */
    public static Routes releaseRoutes(Release release, RegistryService registry, DatasetService datasets,
                                       long maxBodyBytes) {
        NativeRequests requests = new NativeRequests(maxBodyBytes);
        EvaluationResource evaluations = new EvaluationResource(release, registry, datasets, requests);
        ReleasePolicyResource policies = new ReleasePolicyResource(release, release.audit());
        ReleaseResource releases = new ReleaseResource(release, registry, requests);
        WebhookResource webhooks = new WebhookResource(release, requests);
        Locator model = Locator.path("name");
        String version = "/models/{name}/versions/{version}";
        return new Routes()
                .post(version + "/evaluations", Policy.edit(REGISTERED_MODEL, model), evaluations::create)
                .get(version + "/evaluations", Policy.read(REGISTERED_MODEL, model), evaluations::listForVersion)
                .get(version + "/evaluations/{id}", Policy.read(REGISTERED_MODEL, model), evaluations::get)
                .get("/models/{name}/evaluations", Policy.read(REGISTERED_MODEL, model), evaluations::listForModel)
                .post(version + "/gate-verdicts", Policy.edit(REGISTERED_MODEL, model), releases::gate)
                .get(version + "/gate-verdicts", Policy.read(REGISTERED_MODEL, model), releases::verdicts)
                .get(version + "/gate-verdicts/{id}", Policy.read(REGISTERED_MODEL, model), releases::verdict)
                // Approvers hold READ on models; whether the caller may decide is the approval set's call.
                .post(version + "/approvals", Policy.read(REGISTERED_MODEL, model), releases::decide)
                .get(version + "/approvals", Policy.read(REGISTERED_MODEL, model), releases::approvals)
                .post("/models/{name}/promotions", Policy.manage(REGISTERED_MODEL, model), releases::promote)
                .post("/models/{name}/rollbacks", Policy.manage(REGISTERED_MODEL, model), releases::rollback)
                .get("/models/{name}/stage-history", Policy.read(REGISTERED_MODEL, model), releases::history)
                .get("/models/{name}/release-policy", Policy.read(REGISTERED_MODEL, model), policies::getModel)
                .put("/models/{name}/release-policy", Policy.manage(REGISTERED_MODEL, model), policies::putModel)
                .delete("/models/{name}/release-policy", Policy.manage(REGISTERED_MODEL, model), policies::deleteModel)
                .get("/release-policy", Policy.authenticated(), policies::getDefault)
                .put("/release-policy", Policy.admin(), policies::putDefault)
                .delete("/release-policy", Policy.admin(), policies::deleteDefault)
                .get("/webhooks/{id}/deliveries", Policy.admin(), webhooks::deliveries)
                .get("/webhooks/{id}", Policy.admin(), webhooks::get)
                .delete("/webhooks/{id}", Policy.admin(), webhooks::delete)
                .get("/webhooks", Policy.admin(), webhooks::list)
                .post("/webhooks", Policy.admin(), webhooks::create);
    }

    /**
     * Dataset versions under {@value #PREFIX}: every role reads them, pushing a version needs EDIT
     * on the dataset and deleting one MANAGE. Pushes and deletions are audited.
     */
    /** @param maxFileBytes largest data file a push accepts ({@code datasets.max-file-bytes}) */
    public static Routes datasetRoutes(DatasetService datasets, AuditTrail audit, long maxFileBytes) {
        DatasetResource resource = new DatasetResource(datasets, audit, maxFileBytes);
        Locator dataset = Locator.path("name");
        String version = "/datasets/{name}/versions/{version}";
        return new Routes()
                .get(version + "/content", Policy.read(DATASET, dataset), resource::content)
                .get(version, Policy.read(DATASET, dataset), resource::version)
                .delete(version, Policy.manage(DATASET, dataset), resource::delete)
                .get("/datasets/{name}/versions", Policy.read(DATASET, dataset), resource::versions)
                .post("/datasets/{name}/versions", Policy.edit(DATASET, dataset), resource::push)
                .get("/datasets/{name}", Policy.read(DATASET, dataset), resource::get)
                .get("/datasets", Policy.read(DATASET, Locator.none()), resource::list);
    }

    /** {@code GET /openapi.json}: the hand-written description of every route above. */
    public static Routes openApi() {
        byte[] document = OpenApiDocument.load();
        return new Routes().get("/openapi.json", Policy.open(), (req, res) -> {
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send(document);
        });
    }
}
