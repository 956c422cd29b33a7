package dev.sextant.server.mlflow;

import dev.sextant.server.http.Fields;
import dev.sextant.server.http.Json;
import dev.sextant.server.http.JsonResponses;
import dev.sextant.tracking.NewRun;
import dev.sextant.tracking.Page;
import dev.sextant.tracking.Run;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.RunSearch;
import dev.sextant.tracking.RunStatus;
import dev.sextant.tracking.RunUpdate;
import dev.sextant.tracking.TrackingService;
import dev.sextant.tracking.ViewType;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/** MLflow's run lifecycle RPCs: create, get, update, delete, restore, search. */
final class RunHandlers {
    private final TrackingService tracking;
    private final MlflowRequests requests;

    RunHandlers(TrackingService tracking, MlflowRequests requests) {
        this.tracking = tracking;
        this.requests = requests;
    }

    void create(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        Run run = tracking.createRun(new NewRun(in.string("experiment_id"), in.string("user_id"),
                in.string("run_name"), in.int64("start_time"), MlflowReaders.tags(in, "tags")));
        sendRun(res, run);
    }

    void get(ServerRequest req, ServerResponse res) {
        sendRun(res, tracking.getRun(runId(requests.read(req))));
    }

    void update(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String status = in.enumText("status");
        RunInfo info = tracking.updateRun(new RunUpdate(runId(in),
                status.isEmpty() ? Optional.empty() : Optional.of(RunStatus.parse(status)),
                in.int64("end_time"),
                in.has("run_name") ? Optional.of(in.string("run_name")) : Optional.empty()));
        JsonResponses.send(res, Json.MLFLOW, json -> {
            json.writeStartObject();
            json.writeFieldName("run_info");
            MlflowWire.runInfo(json, info);
            json.writeEndObject();
        });
    }

    void delete(ServerRequest req, ServerResponse res) {
        tracking.deleteRun(runId(requests.read(req)));
        JsonResponses.empty(res);
    }

    void restore(ServerRequest req, ServerResponse res) {
        tracking.restoreRun(runId(requests.read(req)));
        JsonResponses.empty(res);
    }

    void search(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String view = in.enumText("run_view_type");
        Page<Run> page = tracking.searchRuns(new RunSearch(in.strings("experiment_ids"), in.string("filter"),
                in.strings("order_by"), view.isEmpty() ? ViewType.ACTIVE_ONLY : ViewType.parse(view),
                in.int64("max_results"), in.string("page_token")));
        JsonResponses.send(res, Json.MLFLOW, json -> {
            json.writeStartObject();
            if (!page.items().isEmpty()) {
                json.writeArrayFieldStart("runs");
                for (Run run : page.items()) {
                    MlflowWire.run(json, run);
                }
                json.writeEndArray();
            }
            if (page.nextPageToken().isPresent()) {
                json.writeStringField("next_page_token", page.nextPageToken().get());
            }
            json.writeEndObject();
        });
    }

    /** {@code run_id}, or the deprecated {@code run_uuid} that older clients still send. */
    static String runId(Fields in) {
        return in.requiredString("run_id", "run_uuid");
    }

    private static void sendRun(ServerResponse res, Run run) {
        JsonResponses.send(res, Json.MLFLOW, json -> {
            json.writeStartObject();
            json.writeFieldName("run");
            MlflowWire.run(json, run);
            json.writeEndObject();
        });
    }
}
