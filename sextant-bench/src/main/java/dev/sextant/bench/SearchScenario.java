package dev.sextant.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Populates an experiment with R runs x P params x M metrics (once; reused on later runs) and
 * measures search latency with one metric and one param in the filter, ordered by a metric.
 */
@Command(name = "search", description = "Run search latency over a large experiment.")
final class SearchScenario implements Callable<Integer> {
    @Mixin
    TrackingLoad.Target target;

    @Mixin
    SearchDataOptions dataSet;

    @Option(names = "--queries", description = "Measured queries (default: ${DEFAULT-VALUE}).")
    int queries = 300;

    @Option(names = "--warmup-queries", description = "Unmeasured queries first (default: ${DEFAULT-VALUE}).")
    int warmupQueries = 20;

    @Option(names = "--loaders", description = "Concurrent clients while populating (default: ${DEFAULT-VALUE}).")
    int loaders = 4;

    @Override
    public Integer call() throws Exception {
        HttpJson http = new HttpJson(target.server);
        SearchData data = dataSet.data();
        List<String> experimentIds = new ArrayList<>();
        for (String name : data.experimentNames()) {
            experimentIds.add(populatedExperiment(http, data, name));
        }
        SplittableRandom random = new SplittableRandom(7);
        Latencies latencies = new Latencies();
        int returned = 0;
        for (int i = -warmupQueries; i < queries; i++) {   // negative i: warm-up
            ObjectNode body = HttpJson.JSON.createObjectNode().put("max_results", 100);
            ArrayNode ids = body.putArray("experiment_ids");
            experimentIds.forEach(ids::add);
            body.put("filter", dataSet.shape.filter(random));
            body.putArray("order_by").add(dataSet.shape.orderBy);
            long start = System.nanoTime();
            JsonNode page = http.postJson("/api/2.0/mlflow/runs/search", body);
            if (i >= 0) {
                latencies.record(System.nanoTime() - start);
                returned += page.path("runs").size();
            }
        }
        System.out.printf("search: %,d runs x %d params x %d metrics in %d experiment(s), query %s (order by %s),"
                + " page of 100: latency %s; %.1f runs per page on average%n", data.runs(), data.params(),
                data.metrics(), data.experiments(), dataSet.shape, dataSet.shape.orderBy, latencies.summary(),
                returned / (double) queries);
        return 0;
    }

    private String populatedExperiment(HttpJson http, SearchData data, String name) throws Exception {
        Optional<JsonNode> existing = findExperiment(http, name);
        if (existing.isPresent() && existing.get().toString().contains(SearchData.POPULATED_TAG)) {
            System.out.println("search: reusing populated experiment " + name);
            return existing.get().path("experiment_id").asText();
        }
        String experiment = existing.isPresent()
                ? existing.get().path("experiment_id").asText() : http.createExperiment(name);
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        Drive.forDuration(loaders, 0, Integer.MAX_VALUE / 2, (client, iteration, measuring) -> {
            int run = next.getAndIncrement();
            if (run >= data.runs()) {
                return false;
            }
            if (data.experimentNames().get(data.experimentOf(run)).equals(name)) {
                logRun(http, data, experiment, run);
            }
            return true;
        });
        System.out.printf("search: populated %s in %.0f s%n", name, (System.nanoTime() - start) / 1e9);
        http.postJson("/api/2.0/mlflow/experiments/set-experiment-tag", HttpJson.JSON.createObjectNode()
                .put("experiment_id", experiment).put("key", SearchData.POPULATED_TAG).put("value", "true"));
        return experiment;
    }

    private void logRun(HttpJson http, SearchData data, String experiment, int run) throws Exception {
        String runId = http.createRun(experiment);
        SplittableRandom random = data.values(run);
        ObjectNode batch = HttpJson.JSON.createObjectNode().put("run_id", runId);
        ArrayNode paramArray = batch.putArray("params");
        for (int p = 0; p < data.params(); p++) {
            paramArray.addObject().put("key", "p" + p).put("value", "v" + random.nextInt(10));
        }
        ArrayNode metricArray = batch.putArray("metrics");
        long now = System.currentTimeMillis();
        for (int m = 0; m < data.metrics(); m++) {
            metricArray.addObject().put("key", "m" + m).put("value", random.nextDouble())
                    .put("timestamp", now).put("step", 0);
        }
        http.postJson("/api/2.0/mlflow/runs/log-batch", batch);
    }

    private static Optional<JsonNode> findExperiment(HttpJson http, String name) throws Exception {
        ObjectNode body = HttpJson.JSON.createObjectNode()
                .put("filter", "name = '" + name + "'").put("max_results", 1);
        JsonNode found = http.postJson("/api/2.0/mlflow/experiments/search", body).path("experiments");
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

}
