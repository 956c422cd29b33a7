package dev.sextant.store.jdbc;

import dev.sextant.store.testing.PostgresServer;
import dev.sextant.tracking.LifecycleStage;
import dev.sextant.tracking.Metric;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.RunStatus;
import dev.sextant.tracking.TrackingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A by-hand measurement, not a timed test: log-batch throughput of the store alone (no HTTP).
 * Run with {@code mvn -pl sextant-store -am verify -Dsextant.bench=true -Dtest=LogBatchThroughputCheck
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=none} and read the printed numbers;
 * {@code -Dsextant.bench.db=postgres} measures PostgreSQL instead of embedded H2.
 */
@EnabledIfSystemProperty(named = "sextant.bench", matches = "true")
class LogBatchThroughputCheck {
    /**
     * Points per batch and keys they spread over; {@code -Dsextant.bench.batch=10
     * -Dsextant.bench.keys=10} logs one point per series per batch.
     */
    private static final int BATCH = Integer.getInteger("sextant.bench.batch", 1_000);
    private static final int KEYS = Integer.getInteger("sextant.bench.keys", 10);

    @Test
    void measure() throws Exception {
        Path dir = Files.createTempDirectory("sextant-bench-");
        try (MetadataDatabase db = open(dir)) {
            TrackingStore store = db.trackingStore();
            String experiment = store.createExperiment("bench", "", "file:///tmp/a", List.of(), 0);
            int clients = Integer.getInteger("sextant.bench.clients", 4);
            int batches = Integer.getInteger("sextant.bench.batches", 2_000);
            for (int c = 0; c < clients; c++) {
                store.createRun(new RunInfo("%032x".formatted(c), "r" + c, experiment, "u", RunStatus.RUNNING, 0,
                        OptionalLong.empty(), "a", LifecycleStage.ACTIVE), List.of());
            }
            // Warm up, then time one client alone and then all clients together.
            run(store, 1, 500, 1_000_000);
            long single = run(store, 1, batches, 2_000_000);
            System.out.printf("1 client: %,d points/s, %.3f ms per %d-point batch%n",
                    points(1, batches) * 1_000_000_000L / single, single / 1e6 / batches, BATCH);
            long parallel = run(store, clients, batches, 3_000_000);
            System.out.printf("%d clients: %,d points/s%n", clients, points(clients, batches) * 1_000_000_000L / parallel);
            // Acknowledged is not applied on the embedded store: reading waits until the database has every point.
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                store.getRun("%032x".formatted(c));
            }
            System.out.printf("then %.0f ms until every point was applied%n", (System.nanoTime() - start) / 1e6);
            System.out.printf("database files: %,d bytes for %,d points%n", size(dir),
                    points(1, batches + 500) + points(clients, batches));
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static MetadataDatabase open(Path dir) {
        if ("postgres".equals(System.getProperty("sextant.bench.db"))) {
            PostgresServer.Database pg = PostgresServer.shared().createDatabase();
            return MetadataDatabase.open(pg.jdbcUrl(), pg.user(), pg.password());
        }
        String url = System.getProperty("sextant.bench.url", MetadataDatabase.embeddedUrl(dir));
        return MetadataDatabase.open(url.replace("${dir}", dir.toString()), "sa", "");
    }

    /** Nanoseconds for {@code clients} threads to log {@code batches} batches each. */
    private static long run(TrackingStore store, int clients, int batches, long firstStep) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String runId = "%032x".formatted(c);
                done.add(pool.submit(() -> {
                    long step = firstStep;
                    for (int b = 0; b < batches; b++) {
                        List<Metric> points = new ArrayList<>(BATCH);
                        for (int i = 0; i < BATCH / KEYS; i++, step++) {
                            for (int k = 0; k < KEYS; k++) {
                                points.add(new Metric("metric_" + k, Math.sin(step), 1_700_000_000_000L + step, step));
                            }
                        }
                        store.logBatch(runId, points, List.of(), List.of());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long points(int clients, int batches) {
        return (long) clients * batches * BATCH;
    }

    private static long size(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
