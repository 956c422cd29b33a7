package dev.sextant.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** One client sends single log-metric requests back to back on a kept-alive connection. */
@Command(name = "log-metric", description = "Sequential single log-metric requests per second.")
final class LogMetricScenario implements Callable<Integer> {

    @Mixin
    TrackingLoad.Target target;

    @Override
    public Integer call() throws Exception {
        HttpJson http = new HttpJson(target.server);
        String runId = http.createRun(http.createExperiment("bench-log-metric-" + System.nanoTime()));
        Latencies latencies = new Latencies();
        TrackingLoad.Poster poster = target.poster();
        Drive.forDuration(1, target.warmupSeconds, target.seconds, (client, iteration, measuring) -> {
            byte[] body = ("{\"run_id\":\"" + runId + "\",\"key\":\"loss\",\"value\":" + (1.0 / (iteration + 1))
                    + ",\"timestamp\":" + System.currentTimeMillis() + ",\"step\":" + iteration + "}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            long start = System.nanoTime();
            int status = poster.post("/api/2.0/mlflow/runs/log-metric", body);
            if (status != 200) {
                throw new IllegalStateException("log-metric answered " + status);
            }
            if (measuring) {
                latencies.record(System.nanoTime() - start);
            }
            return true;
        });
        System.out.printf("log-metric (%s client): 1 client, sequential: %,.0f requests/s; latency %s%n", target.client,
                latencies.count() / (double) target.seconds, latencies.summary());
        return 0;
    }
}
