package dev.sextant.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Logs one metric with N points (once; later runs reuse the run, so repeats measure the read), then
 * fetches its whole history without max_results (streamed) or page by page. Start the server with a
 * small heap (SEXTANT_JAVA_OPTS=-Xmx64m) to show memory stays bounded: the response is far larger
 * than the heap.
 */
@Command(name = "history", description = "Stream a long metric history.")
final class HistoryScenario implements Callable<Integer> {

    private static final String POPULATED_TAG = "bench.populated";

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
        String runId = loggedRun(http);
        long start = System.nanoTime();
        String history = "/api/2.0/mlflow/metrics/get-history?run_id=" + runId + "&metric_key=loss";
        long bytes = pageSize > 0 ? pageThrough(http, history) : http.getStreaming(history);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("history: %,d points (%s) read back (%,d bytes of JSON) in %.2f s (%,.0f points/s)%n",
                points, pageSize > 0 ? "pages of " + pageSize : "one streamed response", bytes, seconds,
                points / seconds);
        return 0;
    }

    /** The run holding the history: found by its tag, or created and logged (timed) now. */
    private String loggedRun(HttpJson http) throws Exception {
        String name = "bench-history-" + points;
        ObjectNode find = HttpJson.JSON.createObjectNode().put("filter", "name = '" + name + "'").put("max_results", 1);
        JsonNode found = http.postJson("/api/2.0/mlflow/experiments/search", find).path("experiments");
        String experiment = found.isEmpty() ? http.createExperiment(name) : found.get(0).path("experiment_id").asText();
        ObjectNode search = HttpJson.JSON.createObjectNode()
                .put("filter", "tags.`" + POPULATED_TAG + "` = 'true'").put("max_results", 1);
        search.putArray("experiment_ids").add(experiment);
        JsonNode runs = http.postJson("/api/2.0/mlflow/runs/search", search).path("runs");
        if (!runs.isEmpty()) {
            System.out.println("history: reusing the run logged earlier in experiment " + name);
            return runs.get(0).at("/info/run_id").asText();
        }
        String runId = http.createRun(experiment);
        long loggingStart = System.nanoTime();
        for (int offset = 0; offset < points; offset += 1000) {
            http.postJson("/api/2.0/mlflow/runs/log-batch", batch(runId, offset, Math.min(1000, points - offset)));
        }
        System.out.printf("history: logged %,d points in %.1f s%n", points, (System.nanoTime() - loggingStart) / 1e9);
        http.postJson("/api/2.0/mlflow/runs/set-tag", HttpJson.JSON.createObjectNode()
                .put("run_id", runId).put("key", POPULATED_TAG).put("value", "true"));
        return runId;
    }

    private long pageThrough(HttpJson http, String history) throws Exception {
        long bytes = 0;
        long seen = 0;
        String token = "";
        do {
            byte[] body = http.getBytes(history + "&max_results=" + pageSize
                    + (token.isEmpty() ? "" : "&page_token=" + java.net.URLEncoder.encode(token, "UTF-8")));
            JsonNode page = HttpJson.JSON.readTree(body);
            seen += page.path("metrics").size();
            bytes += body.length;
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
