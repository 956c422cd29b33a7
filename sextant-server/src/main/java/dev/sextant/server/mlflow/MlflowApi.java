package dev.sextant.server.mlflow;

import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.server.http.Routes;
import dev.sextant.tracking.TrackingService;
import java.util.List;

/**
 * MLflow's tracking REST API ({@code service.proto}), served unchanged for MLflow's own clients.
 * The same routes are registered under {@code /api/2.0/mlflow} and {@code /ajax-api/2.0/mlflow}.
 */
public final class MlflowApi {
    public static final List<String> PREFIXES = List.of("/api/2.0/mlflow", "/ajax-api/2.0/mlflow");

    private MlflowApi() {
    }

    public static Routes routes(TrackingService tracking, ArtifactStore artifacts, long maxBodyBytes) {
        MlflowRequests requests = new MlflowRequests(maxBodyBytes);
        ExperimentHandlers experiments = new ExperimentHandlers(tracking, requests);
        RunHandlers runs = new RunHandlers(tracking, requests);
        LoggingHandlers logging = new LoggingHandlers(tracking, requests);
        HistoryHandler history = new HistoryHandler(tracking, requests);
        ArtifactListHandler artifactList = new ArtifactListHandler(tracking, artifacts, requests);
        // Routes are matched in order: the logging calls come first because they are by far the most frequent.
        return new Routes()
                .post("/runs/log-batch", logging::logBatch)
                .post("/runs/log-metric", logging::logMetric)
                .post("/runs/log-parameter", logging::logParam)
                .post("/runs/set-tag", logging::setTag)
                .post("/runs/delete-tag", logging::deleteTag)
                .post("/runs/log-inputs", logging::logInputs)
                .post("/runs/create", runs::create)
                .get("/runs/get", runs::get)
                .post("/runs/update", runs::update)
                .post("/runs/delete", runs::delete)
                .post("/runs/restore", runs::restore)
                .post("/runs/search", runs::search)
                .get("/metrics/get-history", history::getHistory)
                .get("/artifacts/list", artifactList::list)
                .post("/experiments/create", experiments::create)
                .get("/experiments/get", experiments::get)
                .get("/experiments/get-by-name", experiments::getByName)
                .post("/experiments/search", experiments::search)
                .get("/experiments/search", experiments::search)
                .post("/experiments/update", experiments::update)
                .post("/experiments/delete", experiments::delete)
                .post("/experiments/restore", experiments::restore)
                .post("/experiments/set-experiment-tag", experiments::setTag)
                .post("/experiments/delete-experiment-tag", experiments::deleteTag);
    }
}
