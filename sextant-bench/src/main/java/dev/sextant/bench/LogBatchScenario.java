package dev.sextant.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * N clients each send log-batch requests of B metric points as fast as the server acknowledges them;
 * every request carries new steps, so no point is a duplicate of one already stored.
 */
@Command(name = "log-batch", description = "Concurrent log-batch throughput (metric points per second).")
final class LogBatchScenario implements Callable<Integer> {
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
        List<SteppedBatch> batches = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            batches.add(new SteppedBatch(http.createRun(experiment), batchSize, keys, System.currentTimeMillis()));
        }
        Latencies latencies = new Latencies();
        AtomicLong points = new AtomicLong();
        List<TrackingLoad.Poster> posters = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            posters.add(target.poster());
        }
        Drive.forDuration(clients, target.warmupSeconds, target.seconds, (client, iteration, measuring) -> {
            byte[] body = batches.get(client).next();
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
}
