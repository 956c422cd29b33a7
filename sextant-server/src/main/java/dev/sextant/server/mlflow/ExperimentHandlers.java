package dev.sextant.server.mlflow;

import dev.sextant.server.http.Fields;
import dev.sextant.server.http.Json;
import dev.sextant.server.http.JsonResponses;
import dev.sextant.tracking.Experiment;
import dev.sextant.tracking.ExperimentSearch;
import dev.sextant.tracking.Page;
import dev.sextant.tracking.Tag;
import dev.sextant.tracking.TrackingService;
import dev.sextant.tracking.ViewType;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** MLflow's experiment RPCs. */
final class ExperimentHandlers {
    private final TrackingService tracking;
    private final MlflowRequests requests;

    ExperimentHandlers(TrackingService tracking, MlflowRequests requests) {
        this.tracking = tracking;
        this.requests = requests;
    }

    void create(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String name = in.requiredString("name");
        String id = tracking.createExperiment(name, in.string("artifact_location"), MlflowReaders.tags(in, "tags"));
        JsonResponses.send(res, Json.MLFLOW, json -> {
            json.writeStartObject();
            json.writeStringField("experiment_id", id);
            json.writeEndObject();
        });
    }

    void get(ServerRequest req, ServerResponse res) {
        send(res, tracking.getExperiment(requests.read(req).requiredString("experiment_id")));
    }

    void getByName(ServerRequest req, ServerResponse res) {
        send(res, tracking.getExperimentByName(requests.read(req).requiredString("experiment_name")));
    }

    void search(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String view = in.enumText("view_type");
        Page<Experiment> page = tracking.searchExperiments(new ExperimentSearch(
                in.string("filter"), in.strings("order_by"),
                view.isEmpty() ? ViewType.ACTIVE_ONLY : ViewType.parse(view),
                in.int64("max_results"), in.string("page_token")));
        JsonResponses.send(res, Json.MLFLOW, json -> {
            json.writeStartObject();
            if (!page.items().isEmpty()) {
                json.writeArrayFieldStart("experiments");
                for (Experiment experiment : page.items()) {
                    MlflowWire.experiment(json, experiment);
                }
                json.writeEndArray();
            }
            if (page.nextPageToken().isPresent()) {
                json.writeStringField("next_page_token", page.nextPageToken().get());
            }
            json.writeEndObject();
        });
    }

    void update(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String id = in.requiredString("experiment_id");
        tracking.renameExperiment(id, in.requiredString("new_name"));
        JsonResponses.empty(res);
    }

    void delete(ServerRequest req, ServerResponse res) {
        tracking.deleteExperiment(requests.read(req).requiredString("experiment_id"));
        JsonResponses.empty(res);
    }

    void restore(ServerRequest req, ServerResponse res) {
        tracking.restoreExperiment(requests.read(req).requiredString("experiment_id"));
        JsonResponses.empty(res);
    }

    void setTag(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String id = in.requiredString("experiment_id");
        tracking.setExperimentTag(id, new Tag(in.requiredString("key"), in.string("value")));
        JsonResponses.empty(res);
    }

    void deleteTag(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String id = in.requiredString("experiment_id");
        tracking.deleteExperimentTag(id, in.requiredString("key"));
        JsonResponses.empty(res);
    }

    private static void send(ServerResponse res, Experiment experiment) {
        JsonResponses.send(res, Json.MLFLOW, json -> {
            json.writeStartObject();
            json.writeFieldName("experiment");
            MlflowWire.experiment(json, experiment);
            json.writeEndObject();
        });
    }
}
