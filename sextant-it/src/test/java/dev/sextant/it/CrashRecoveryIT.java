package dev.sextant.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.it.Http.Response;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several clients log metric batches continuously while the server is killed with SIGKILL; after
 * a restart on the same data directory every batch the server acknowledged (HTTP 200) must be
 * there, whole, and the server must work normally.
 */
final class CrashRecoveryIT {
    private static final int WRITERS = 4;
    private static final int BATCH = 200;
    private static final int CRASHES = 2;
    private static final int ACKS_BEFORE_KILL = 15;
    private static final Duration MAX_INGEST = Duration.ofSeconds(30);

    /** A batch of points [fromStep, toStep) of one writer's metric. */
    record Batch(String key, long fromStep, long toStep) {
    }

    // A failed run keeps its data directory (metric log, database and H2's trace file) for a post-mortem.
    @Test
    void everyAcknowledgedBatchSurvivesSigkill(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dataDir)
            throws Exception {
        ServerProcess server = ServerProcess.start(dataDir);
        try {
            String runId = new TrackingApi(new Http(server.baseUrl())).newRun("crash-recovery");
            Queue<Batch> acknowledged = new ConcurrentLinkedQueue<>();
            Queue<Batch> attempted = new ConcurrentLinkedQueue<>();
            Map<String, Long> nextStep = new HashMap<>();
            for (int crash = 1; crash <= CRASHES; crash++) {
                ingestUntilKilled(server, runId, nextStep, acknowledged, attempted);
                server = server.restart();
                assertThat(server.ready()).as("ready after crash %d", crash).isTrue();
                assertRecovered(new TrackingApi(new Http(server.baseUrl())), runId, acknowledged, attempted);
            }
            assertWritesStillWork(new TrackingApi(new Http(server.baseUrl())), runId);
            assertThat(server.isAlive()).isTrue();
        } finally {
            server.close();
        }
    }

    private void ingestUntilKilled(ServerProcess server, String runId, Map<String, Long> nextStep,
            Queue<Batch> acknowledged, Queue<Batch> attempted) throws InterruptedException {
        AtomicBoolean killing = new AtomicBoolean();
        Queue<String> errors = new ConcurrentLinkedQueue<>();
        int ackedBefore = acknowledged.size();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            String key = "writer_" + w;
            long start = nextStep.getOrDefault(key, 0L);
            pool.submit(() -> write(new Http(server.baseUrl()), runId, key, start, killing, acknowledged, attempted,
                    errors));
        }
        long deadline = System.nanoTime() + MAX_INGEST.toNanos();
        while (acknowledged.size() - ackedBefore < WRITERS * ACKS_BEFORE_KILL && System.nanoTime() < deadline
                && errors.isEmpty()) {
            ServerProcess.sleep(20);
        }
        killing.set(true);
        server.kill();
        pool.shutdown();
        assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).as("writers stop after the kill").isTrue();
        assertThat(errors).as("failures before the kill; server output:\n" + server.outputTail()).isEmpty();
        assertThat(acknowledged.size() - ackedBefore).as("batches acknowledged before the kill")
                .isGreaterThanOrEqualTo(WRITERS * 3);
        attempted.forEach(b -> nextStep.merge(b.key(), b.toStep(), Math::max));
        System.out.println("crash-recovery: killed after " + (acknowledged.size() - ackedBefore)
                + " acknowledged batches of " + BATCH + " points from " + WRITERS + " writers");
    }

    private static void write(Http http, String runId, String key, long firstStep, AtomicBoolean killing,
            Queue<Batch> acknowledged, Queue<Batch> attempted, Queue<String> errors) {
        for (long from = firstStep; !Thread.currentThread().isInterrupted(); from += BATCH) {
            Batch batch = new Batch(key, from, from + BATCH);
            attempted.add(batch);
            try {
                Response response = http.postJson(Http.MLFLOW + "runs/log-batch",
                        TrackingApi.metricBatch(runId, key, batch.fromStep(), batch.toStep()));
                if (response.status() == 200) {
                    acknowledged.add(batch);
                } else if (!killing.get()) {
                    errors.add(batch + " answered " + response);
                    return;
                }
            } catch (RuntimeException e) {
                if (!killing.get()) {
                    errors.add(batch + " failed: " + (e instanceof UncheckedIOException io ? io.getCause() : e));
                }
                return;
            }
            if (killing.get()) {
                return;
            }
        }
    }

    private static void assertRecovered(TrackingApi api, String runId, Queue<Batch> acknowledged,
            Queue<Batch> attempted) {
        Map<String, Set<Long>> stored = new HashMap<>();
        for (int w = 0; w < WRITERS; w++) {
            String key = "writer_" + w;
            Set<Long> steps = new HashSet<>();
            for (JsonNode point : api.metricHistory(runId, key)) {
                long step = point.path("step").asLong();
                assertThat(steps.add(step)).as("%s step %d stored once", key, step).isTrue();
                assertThat(point.path("value").asDouble()).as("%s step %d", key, step).isEqualTo(step * 0.5);
            }
            stored.put(key, steps);
        }
        List<Batch> lost = new ArrayList<>();
        for (Batch batch : acknowledged) {
            if (countStored(stored, batch) != BATCH) {
                lost.add(batch);
            }
        }
        assertThat(lost).as("acknowledged batches missing (wholly or partly) after SIGKILL and restart").isEmpty();
        List<Batch> torn = attempted.stream().filter(b -> {
            long n = countStored(stored, b);
            return n != 0 && n != BATCH;
        }).toList();
        assertThat(torn).as("batches stored only in part: log-batch must be atomic").isEmpty();
    }

    private static long countStored(Map<String, Set<Long>> stored, Batch batch) {
        Set<Long> steps = stored.getOrDefault(batch.key(), Set.of());
        long n = 0;
        for (long step = batch.fromStep(); step < batch.toStep(); step++) {
            n += steps.contains(step) ? 1 : 0;
        }
        return n;
    }

    private static void assertWritesStillWork(TrackingApi api, String runId) {
        api.logBatch(TrackingApi.metricBatch(runId, "after_recovery", 0, 10));
        assertThat(api.metricHistory(runId, "after_recovery")).hasSize(10);
        String experimentId = api.createExperiment(TrackingApi.uniqueName("after-recovery"));
        assertThat(api.createRun(experimentId, "fresh").path("run_name").asText()).isEqualTo("fresh");
    }
}
