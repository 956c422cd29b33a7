package dev.sextant.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Logs one metric with N points, then fetches its whole history without max_results (streamed).
 * Start the server with a small heap (SEXTANT_JAVA_OPTS=-Xmx64m) to show memory stays bounded:
 * the response is far larger than the heap.
 */
@Command(name = "history", description = "Stream a long metric history.")
final class HistoryScenario implements Callable<Integer> {

    @Mixin
    TrackingLoad.Target target;

    @Option(names = "--points", description = "Points in the history (default: ${DEFAULT-VALUE}).")
    int points = 1_000_000;

    @Option(names = "--page-size", description = "Page through the history with this max_results instead of "
            + "asking for all of it at once (0 = all at once; MLflow's own client pages by 25000).")
    int pageSize = 0;

    @Override
    public Integer call() throws Exception {
        HttpJson http = new HttpJson(target.server);
        String runId = http.createRun(http.createExperiment("bench-history-" + System.nanoTime()));
        long loggingStart = System.nanoTime();
        for (int offset = 0; offset < points; offset += 1000) {
            http.postJson("/api/2.0/mlflow/runs/log-batch", batch(runId, offset, Math.min(1000, points - offset)));
        }
        double loggingSeconds = (System.nanoTime() - loggingStart) / 1e9;
        long start = System.nanoTime();
        String history = "/api/2.0/mlflow/metrics/get-history?run_id=" + runId + "&metric_key=loss";
        long bytes = pageSize > 0 ? pageThrough(http, history) : http.getStreaming(history);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("history: logged %,d points in %.1f s; streamed them back (%,d bytes of JSON) in %.2f s "
                + "(%,.0f points/s)%n", points, loggingSeconds, bytes, seconds, points / seconds);
        return 0;
    }

    private long pageThrough(HttpJson http, String history) throws Exception {
        long bytes = 0;
        long seen = 0;
        String token = "";
        do {
            JsonNode page = http.getJson(history + "&max_results=" + pageSize
                    + (token.isEmpty() ? "" : "&page_token=" + java.net.URLEncoder.encode(token, "UTF-8")));
            seen += page.path("metrics").size();
            bytes += page.toString().length();
            token = page.path("next_page_token").asText("");
        } while (!token.isEmpty() && seen < points);
        if (seen != points) {
            throw new IllegalStateException("history returned " + seen + " of " + points + " points");
        }
        return bytes;
    }

    private static ObjectNode batch(String runId, int offset, int size) {
        ObjectNode body = HttpJson.JSON.createObjectNode().put("run_id", runId);
        ArrayNode metrics = body.putArray("metrics");
        long now = System.currentTimeMillis();
        for (int i = 0; i < size; i++) {
            metrics.addObject().put("key", "loss").put("value", 1.0 / (offset + i + 1))
                    .put("timestamp", now).put("step", offset + i);
        }
        return body;
    }
}
