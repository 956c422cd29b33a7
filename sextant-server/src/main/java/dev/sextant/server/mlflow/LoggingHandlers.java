package dev.sextant.server.mlflow;

import dev.sextant.api.SextantException;
import dev.sextant.server.http.ApiStyle;
import dev.sextant.server.http.Fields;
import dev.sextant.server.http.JsonResponses;
import dev.sextant.server.http.ParameterErrors;
import dev.sextant.server.http.RequestBodies;
import dev.sextant.tracking.Param;
import dev.sextant.tracking.Tag;
import dev.sextant.tracking.TrackingService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** MLflow's logging RPCs: metrics, params, tags, batches and dataset inputs. These are the hot path. */
final class LoggingHandlers {
    /** MLflow's {@code MAX_BATCH_LOG_REQUEST_SIZE}. */
    static final long MAX_BATCH_BYTES = 1_000_000;

    private final TrackingService tracking;
    private final MlflowRequests requests;

    LoggingHandlers(TrackingService tracking, MlflowRequests requests) {
        this.tracking = tracking;
        this.requests = requests;
    }

    void logMetric(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String runId = RunHandlers.runId(in);
        tracking.logMetric(runId, MlflowReaders.metric(in));
        JsonResponses.empty(res);
    }

    void logParam(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String runId = RunHandlers.runId(in);
        tracking.logParam(runId, new Param(in.requiredString("key"), in.string("value")));
        JsonResponses.empty(res);
    }

    void setTag(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String runId = RunHandlers.runId(in);
        tracking.setTag(runId, new Tag(in.requiredString("key"), in.string("value")));
        JsonResponses.empty(res);
    }

    void deleteTag(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String runId = RunHandlers.runId(in);
        tracking.deleteTag(runId, in.requiredString("key"));
        JsonResponses.empty(res);
    }

    void logBatch(ServerRequest req, ServerResponse res) {
        RequestBodies.requireJsonContentType(req, ApiStyle.MLFLOW);
        // Bodies beyond MLflow's batch limit are refused with MLflow's 400, unless the server-wide limit is lower.
        byte[] body = requests.maxBodyBytes() < MAX_BATCH_BYTES
                ? RequestBodies.read(req, requests.maxBodyBytes(), RequestBodies::tooLarge)
                : RequestBodies.read(req, MAX_BATCH_BYTES, LoggingHandlers::batchTooLarge);
        BatchParser.Batch batch = BatchParser.parse(body);
        if (batch.runId().isEmpty()) {
            throw ParameterErrors.missing("run_id");
        }
        tracking.logBatch(batch.runId(), batch.metrics(), batch.params(), batch.tags());
        JsonResponses.empty(res);
    }

    void logInputs(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String runId = RunHandlers.runId(in);
        tracking.logInputs(runId, MlflowReaders.datasetInputs(in));
        JsonResponses.empty(res);
    }

    private static SextantException batchTooLarge(long size) {
        return SextantException.invalid("Batched logging API requests must be at most " + MAX_BATCH_BYTES
                + " bytes, got a request of size " + (size >= 0 ? String.valueOf(size) : "more than " + MAX_BATCH_BYTES)
                + ". Split the batch into smaller requests.");
    }
}
