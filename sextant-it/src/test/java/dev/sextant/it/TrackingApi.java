package dev.sextant.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The few MLflow REST calls that tests use to set up data, over raw HTTP. */
final class TrackingApi {
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final Http http;

    TrackingApi(Http http) {
        this.http = http;
    }

    static String uniqueName(String purpose) {
        return "it-" + purpose + "-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
    }

    String createExperiment(String name) {
        return http.mlflowPost("experiments/create", Http.object().put("name", name)).path("experiment_id").asText();
    }

    /** Creates a run and returns its {@code run_info}. */
    JsonNode createRun(String experimentId, String runName) {
        ObjectNode body = Http.object().put("experiment_id", experimentId).put("start_time", System.currentTimeMillis());
        if (!runName.isEmpty()) {
            body.put("run_name", runName);
        }
        return http.mlflowPost("runs/create", body).path("run").path("info");
    }

    String newRun(String purpose) {
        return createRun(createExperiment(uniqueName(purpose)), "").path("run_id").asText();
    }

    JsonNode getRun(String runId) {
        return http.mlflowGet("runs/get?run_id=" + Http.encode(runId)).path("run");
    }

    /** A log-batch body with metric points {@code key} at steps [from, to) and value {@code step * 0.5}. */
    static ObjectNode metricBatch(String runId, String key, long from, long to) {
        ObjectNode body = Http.object().put("run_id", runId);
        ArrayNode metrics = body.putArray("metrics");
        for (long step = from; step < to; step++) {
            metrics.addObject().put("key", key).put("value", step * 0.5).put("timestamp", 1_600_000_000_000L + step)
                    .put("step", step);
        }
        return body;
    }

    void logBatch(ObjectNode body) {
        http.mlflowPost("runs/log-batch", body);
    }

    /** Every point of a metric's history, following page tokens if the server pages. */
    List<JsonNode> metricHistory(String runId, String key) {
        List<JsonNode> points = new ArrayList<>();
        String token = "";
        do {
            JsonNode page = http.mlflowGet("metrics/get-history?run_id=" + Http.encode(runId) + "&metric_key="
                    + Http.encode(key) + (token.isEmpty() ? "" : "&page_token=" + Http.encode(token)));
            page.path("metrics").forEach(points::add);
            token = page.path("next_page_token").asText("");
        } while (!token.isEmpty());
        return points;
    }
}
