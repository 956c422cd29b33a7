package dev.sextant.server.nativeapi;

import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.server.http.Routes;
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
        MetricSeriesResource series = new MetricSeriesResource(tracking);
        return new Routes()
                .post("/runs/{id}/batch", data::batch)
                .get("/runs/{id}/metrics/{+key}/history", data::history)
                .get("/runs/{id}/metrics/{+key}/downsampled", series::downsampled)
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

    /** {@code GET /openapi.json}: the hand-written description of every route above. */
    public static Routes openApi() {
        byte[] document = OpenApiDocument.load();
        return new Routes().get("/openapi.json", (req, res) -> {
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send(document);
        });
    }
}
