package dev.sextant.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The performance promises, measured over real HTTP against the embedded store: batches of 1,000
 * metrics from 4 concurrent clients, and single log-metric calls on one kept-alive connection.
 * The measured rates are printed. By default only a floor that catches gross regressions is
 * enforced, because shared CI hosts are noisy; the headline targets (1,000,000 points/s and
 * 5,000 requests/s on two dedicated cores) are enforced with
 * {@code -DargLine="-Dsextant.perf.points=1000000 -Dsextant.perf.requests=5000"}.
 */
class ThroughputIT extends ServerTest {
    private static final String API = "/api/2.0/mlflow";
    private static final int CLIENTS = 4;
    private static final long MIN_POINTS_PER_SECOND = Long.getLong("sextant.perf.points", 50_000);
    private static final long MIN_REQUESTS_PER_SECOND = Long.getLong("sextant.perf.requests", 200);

    private static String newRun() {
        return server.http().postJson(API + "/runs/create", "{}").json().get("run").get("info").get("run_id").textValue();
    }

    private static byte[] batch(String runId, int batchNumber) {
        StringBuilder json = new StringBuilder(80_000).append("{\"run_id\":\"").append(runId).append("\",\"metrics\":[");
        for (int i = 0; i < 1000; i++) {
            long step = (long) batchNumber * 1000 + i;
            json.append(i == 0 ? "" : ",").append("{\"key\":\"loss_").append(i % 10).append("\",\"value\":")
                    .append(1.0 / (step + 1)).append(",\"timestamp\":").append(1_700_000_000_000L + step)
                    .append(",\"step\":").append(step).append('}');
        }
        return RawHttp.post(API + "/runs/log-batch", json.append("]}").toString());
    }

    @Test
    void logBatchFromFourClients() throws Exception {
        int batchesPerClient = 250;
        List<List<byte[]>> requests = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String runId = newRun();
            List<byte[]> mine = new ArrayList<>();
            for (int b = 0; b < batchesPerClient + 20; b++) {
                mine.add(batch(runId, b));
            }
            requests.add(mine);
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            run(pool, requests, 0, 20);
            long start = System.nanoTime();
            run(pool, requests, 20, 20 + batchesPerClient);
            double seconds = (System.nanoTime() - start) / 1e9;
            double pointsPerSecond = CLIENTS * batchesPerClient * 1000 / seconds;
            System.out.printf("log-batch: %,.0f metric points/s from %d clients%n", pointsPerSecond, CLIENTS);
            assertThat(pointsPerSecond).isGreaterThanOrEqualTo(MIN_POINTS_PER_SECOND);
        }
    }

    private static void run(ExecutorService pool, List<List<byte[]>> requests, int from, int to) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (List<byte[]> mine : requests) {
            done.add(pool.submit(() -> {
                try (RawHttp client = new RawHttp(server.port())) {
                    for (int i = from; i < to; i++) {
                        int status = client.exchange(mine.get(i));
                        if (status != 200) {
                            throw new AssertionError("log-batch answered " + status);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
    }

    @Test
    void sequentialLogMetricOnOneConnection() throws Exception {
        String runId = newRun();
        int warmup = 3000;
        int measured = 20_000;
        List<byte[]> requests = new ArrayList<>(warmup + measured);
        for (int i = 0; i < warmup + measured; i++) {
            requests.add(RawHttp.post(API + "/runs/log-metric", "{\"run_id\":\"" + runId
                    + "\",\"key\":\"acc\",\"value\":" + (i * 1e-4) + ",\"timestamp\":" + (1_700_000_000_000L + i)
                    + ",\"step\":" + i + "}"));
        }
        try (RawHttp client = new RawHttp(server.port())) {
            for (int i = 0; i < warmup; i++) {
                assertThat(client.exchange(requests.get(i))).isEqualTo(200);
            }
            long start = System.nanoTime();
            for (int i = warmup; i < warmup + measured; i++) {
                int status = client.exchange(requests.get(i));
                if (status != 200) {
                    throw new AssertionError("log-metric answered " + status);
                }
            }
            double perSecond = measured / ((System.nanoTime() - start) / 1e9);
            System.out.printf("log-metric: %,.0f requests/s on one connection%n", perSecond);
            assertThat(perSecond).isGreaterThanOrEqualTo(MIN_REQUESTS_PER_SECOND);
        }
    }
}
