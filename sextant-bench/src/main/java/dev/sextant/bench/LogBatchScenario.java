package dev.sextant.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** N clients each send log-batch requests of B metric points as fast as the server acknowledges them. */
@Command(name = "log-batch", description = "Concurrent log-batch throughput (metric points per second).")
final class LogBatchScenario implements Callable<Integer> {
    private static final int DISTINCT_PAYLOADS = 64;

    @Mixin
    TrackingLoad.Target target;

    @Option(names = "--clients", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients = 4;

    @Option(names = "--batch", description = "Metric points per request (default: ${DEFAULT-VALUE}).")
    int batchSize = 1000;

    @Option(names = "--keys", description = "Distinct metric keys per request (default: ${DEFAULT-VALUE}).")
    int keys = 10;

    @Override
    public Integer call() throws Exception {
        HttpJson http = new HttpJson(target.server);
        String experiment = http.createExperiment("bench-log-batch-" + System.nanoTime());
        List<byte[]> payloads = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            String runId = http.createRun(experiment);
            for (int i = 0; i < DISTINCT_PAYLOADS; i++) {
                payloads.add(payload(runId, i));
            }
        }
        Latencies latencies = new Latencies();
        AtomicLong points = new AtomicLong();
        List<TrackingLoad.Poster> posters = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            posters.add(target.poster());
        }
        Drive.forDuration(clients, target.warmupSeconds, target.seconds, (client, iteration, measuring) -> {
            byte[] body = payloads.get(client * DISTINCT_PAYLOADS + (int) (iteration % DISTINCT_PAYLOADS));
            long start = System.nanoTime();
            int status = posters.get(client).post("/api/2.0/mlflow/runs/log-batch", body);
            if (status != 200) {
                throw new IllegalStateException("log-batch answered " + status);
            }
            if (measuring) {
                latencies.record(System.nanoTime() - start);
                points.addAndGet(batchSize);
            }
            return true;
        });
        double perSecond = points.get() / (double) target.seconds;
        System.out.printf("log-batch (%s client): %d clients, %d points/request, %d keys: %,.0f metric points/s, "
                + "%,.0f requests/s; latency %s%n", target.client, clients, batchSize, keys, perSecond,
                latencies.count() / (double) target.seconds, latencies.summary());
        return 0;
    }

    private byte[] payload(String runId, int variant) throws Exception {
        ObjectNode body = HttpJson.JSON.createObjectNode().put("run_id", runId);
        ArrayNode metrics = body.putArray("metrics");
        long timestamp = System.currentTimeMillis();
        for (int i = 0; i < batchSize; i++) {
            metrics.addObject()
                    .put("key", "metric_" + (i % keys))
                    .put("value", Math.sin(variant * 31 + i))
                    .put("timestamp", timestamp + i)
                    .put("step", (long) variant * batchSize + i);
        }
        return HttpJson.JSON.writeValueAsBytes(body);
    }
}
