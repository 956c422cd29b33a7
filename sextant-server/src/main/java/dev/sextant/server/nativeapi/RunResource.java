package dev.sextant.server.nativeapi;

import dev.sextant.server.http.Fields;
import dev.sextant.server.http.Json;
import dev.sextant.server.http.JsonResponses;
import dev.sextant.tracking.NewRun;
import dev.sextant.tracking.Run;
import dev.sextant.tracking.RunSearch;
import dev.sextant.tracking.RunStatus;
import dev.sextant.tracking.RunUpdate;
import dev.sextant.tracking.Tag;
import dev.sextant.tracking.TrackingService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code /api/v1/runs}: runs as resources; creation records where the run came from. */
final class RunResource {
    private final TrackingService tracking;
    private final NativeRequests requests;
    private final Provenance provenance;
    private final Clock clock;

    RunResource(TrackingService tracking, NativeRequests requests, Provenance provenance, Clock clock) {
        this.tracking = tracking;
        this.requests = requests;
        this.provenance = provenance;
        this.clock = clock;
    }

    void search(ServerRequest req, ServerResponse res) {
        Fields query = NativeRequests.query(req);
        NativeRequests.page(res, "runs", tracking.searchRuns(new RunSearch(query.strings("experiment_id"),
                query.string("filter"), query.strings("order_by"), NativeRequests.view(query),
                query.int64("max_results"), query.string("page_token"))), NativeWire::run);
    }

    void create(ServerRequest req, ServerResponse res) {
        Fields body = requests.body(req);
        // Provenance first, so that tags the client sets explicitly win.
        List<Tag> tags = new ArrayList<>(provenance.tags(body));
        tags.addAll(ExperimentResource.tags(body.stringMap("tags")));
        Run run = tracking.createRun(new NewRun(body.string("experiment_id"), body.string("user_id"),
                body.string("run_name"), body.int64("start_time"), tags));
        NativeRequests.created(res, "/api/v1/runs/" + run.info().runId(), json -> NativeWire.run(json, run));
    }

    void get(ServerRequest req, ServerResponse res) {
        send(res, tracking.getRun(NativeRequests.pathParam(req, "id")));
    }

    void update(ServerRequest req, ServerResponse res) {
        String id = NativeRequests.pathParam(req, "id");
        Fields body = requests.body(req);
        String statusText = body.enumText("status");
        Optional<RunStatus> status = statusText.isEmpty() ? Optional.empty() : Optional.of(RunStatus.parse(statusText));
        OptionalLong endTime = body.int64("end_time");
        if (endTime.isEmpty() && status.map(RunStatus::isTerminal).orElse(false)) {
            // A run that is declared finished without an end time ends now.
            endTime = OptionalLong.of(clock.millis());
        }
        tracking.updateRun(new RunUpdate(id, status, endTime,
                body.has("run_name") ? Optional.of(body.string("run_name")) : Optional.empty()));
        send(res, tracking.getRun(id));
    }

    void delete(ServerRequest req, ServerResponse res) {
        tracking.deleteRun(NativeRequests.pathParam(req, "id"));
        NativeRequests.noContent(res);
    }

    void restore(ServerRequest req, ServerResponse res) {
        String id = NativeRequests.pathParam(req, "id");
        tracking.restoreRun(id);
        send(res, tracking.getRun(id));
    }

    private static void send(ServerResponse res, Run run) {
        JsonResponses.send(res, Json.NATIVE, json -> NativeWire.run(json, run));
    }
}
