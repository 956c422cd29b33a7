package dev.sextant.server.nativeapi;

import dev.sextant.server.http.Fields;
import dev.sextant.server.http.Json;
import dev.sextant.server.http.JsonResponses;
import dev.sextant.tracking.Experiment;
import dev.sextant.tracking.ExperimentSearch;
import dev.sextant.tracking.Tag;
import dev.sextant.tracking.TrackingService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/experiments}: experiments as resources. */
final class ExperimentResource {
    private final TrackingService tracking;
    private final NativeRequests requests;

    ExperimentResource(TrackingService tracking, NativeRequests requests) {
        this.tracking = tracking;
        this.requests = requests;
    }

    void search(ServerRequest req, ServerResponse res) {
        Fields query = NativeRequests.query(req);
        NativeRequests.page(res, "experiments", tracking.searchExperiments(new ExperimentSearch(
                query.string("filter"), query.strings("order_by"), NativeRequests.view(query),
                query.int64("max_results"), query.string("page_token"))), NativeWire::experiment);
    }

    void create(ServerRequest req, ServerResponse res) {
        Fields body = requests.body(req);
        String id = tracking.createExperiment(body.requiredString("name"), body.string("artifact_location"),
                tags(body.stringMap("tags")));
        Experiment experiment = tracking.getExperiment(id);
        NativeRequests.created(res, "/api/v1/experiments/" + id, json -> NativeWire.experiment(json, experiment));
    }

    void get(ServerRequest req, ServerResponse res) {
        send(res, tracking.getExperiment(NativeRequests.pathParam(req, "id")));
    }

    void getByName(ServerRequest req, ServerResponse res) {
        send(res, tracking.getExperimentByName(NativeRequests.pathParam(req, "name")));
    }

    void update(ServerRequest req, ServerResponse res) {
        String id = NativeRequests.pathParam(req, "id");
        Fields body = requests.body(req);
        if (body.has("name")) {
            tracking.renameExperiment(id, body.requiredString("name"));
        }
        send(res, tracking.getExperiment(id));
    }

    void delete(ServerRequest req, ServerResponse res) {
        tracking.deleteExperiment(NativeRequests.pathParam(req, "id"));
        NativeRequests.noContent(res);
    }

    void restore(ServerRequest req, ServerResponse res) {
        String id = NativeRequests.pathParam(req, "id");
        tracking.restoreExperiment(id);
        send(res, tracking.getExperiment(id));
    }

    void setTag(ServerRequest req, ServerResponse res) {
        String id = NativeRequests.pathParam(req, "id");
        String key = NativeRequests.pathParam(req, "key");
        tracking.setExperimentTag(id, new Tag(key, requests.body(req).string("value")));
        NativeRequests.noContent(res);
    }

    void deleteTag(ServerRequest req, ServerResponse res) {
        tracking.deleteExperimentTag(NativeRequests.pathParam(req, "id"), NativeRequests.pathParam(req, "key"));
        NativeRequests.noContent(res);
    }

    static List<Tag> tags(Map<String, String> map) {
        List<Tag> tags = new ArrayList<>(map.size());
        map.forEach((key, value) -> tags.add(new Tag(key, value)));
        return tags;
    }

    private static void send(ServerResponse res, Experiment experiment) {
        JsonResponses.send(res, Json.NATIVE, json -> NativeWire.experiment(json, experiment));
    }
}
