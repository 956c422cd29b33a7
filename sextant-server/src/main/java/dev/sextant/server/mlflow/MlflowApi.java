package dev.sextant.server.mlflow;

import static dev.sextant.api.security.ResourceKind.EXPERIMENT;

import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.server.http.Routes;
import dev.sextant.server.security.Locator;
import dev.sextant.server.security.Policy;
import dev.sextant.tracking.TrackingService;
import java.util.List;

/**
 * MLflow's tracking REST API ({@code service.proto}), served unchanged for MLflow's own clients.
 * The same routes are registered under {@code /api/2.0/mlflow} and {@code /ajax-api/2.0/mlflow}.
 */
public final class MlflowApi {
    public static final List<String> PREFIXES = List.of("/api/2.0/mlflow", "/ajax-api/2.0/mlflow");

    /** Runs are governed by their experiment's permissions. */
    private static final Locator RUN = Locator.experimentOfRun(Locator.field("run_id", "run_uuid"));
    private static final Locator ID = Locator.field("experiment_id");
    private static final Locator NAME = Locator.experimentNamed(Locator.field("experiment_name"));

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
                .post("/runs/log-batch", Policy.edit(EXPERIMENT, RUN), logging::logBatch)
                .post("/runs/log-metric", Policy.edit(EXPERIMENT, RUN), logging::logMetric)
                .post("/runs/log-parameter", Policy.edit(EXPERIMENT, RUN), logging::logParam)
                .post("/runs/set-tag", Policy.edit(EXPERIMENT, RUN), logging::setTag)
                .post("/runs/delete-tag", Policy.edit(EXPERIMENT, RUN), logging::deleteTag)
                .post("/runs/log-inputs", Policy.edit(EXPERIMENT, RUN), logging::logInputs)
                .post("/runs/create", Policy.edit(EXPERIMENT, ID), runs::create)
                .get("/runs/get", Policy.read(EXPERIMENT, RUN), runs::get)
                .post("/runs/update", Policy.edit(EXPERIMENT, RUN), runs::update)
                .post("/runs/delete", Policy.manage(EXPERIMENT, RUN), runs::delete)
                .post("/runs/restore", Policy.manage(EXPERIMENT, RUN), runs::restore)
                .post("/runs/search", Policy.read(EXPERIMENT, Locator.none()), runs::search)
                .get("/metrics/get-history", Policy.read(EXPERIMENT, RUN), history::getHistory)
                .get("/artifacts/list", Policy.read(EXPERIMENT, RUN), artifactList::list)
                .post("/experiments/create", Policy.edit(EXPERIMENT, Locator.none()), experiments::create)
                .get("/experiments/get", Policy.read(EXPERIMENT, ID), experiments::get)
                .get("/experiments/get-by-name", Policy.read(EXPERIMENT, NAME), experiments::getByName)
                .post("/experiments/search", Policy.read(EXPERIMENT, Locator.none()), experiments::search)
                .get("/experiments/search", Policy.read(EXPERIMENT, Locator.none()), experiments::search)
                .post("/experiments/update", Policy.edit(EXPERIMENT, ID), experiments::update)
                .post("/experiments/delete", Policy.manage(EXPERIMENT, ID), experiments::delete)
                .post("/experiments/restore", Policy.manage(EXPERIMENT, ID), experiments::restore)
                .post("/experiments/set-experiment-tag", Policy.edit(EXPERIMENT, ID), experiments::setTag)
                .post("/experiments/delete-experiment-tag", Policy.edit(EXPERIMENT, ID), experiments::deleteTag);
    }
}
