package dev.sextant.store.jdbc;

import dev.sextant.tracking.LifecycleStage;
import dev.sextant.tracking.Metric;
import dev.sextant.tracking.Param;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.RunStatus;
import dev.sextant.tracking.TrackingStore;
import dev.sextant.tracking.ViewType;
import dev.sextant.tracking.search.Comparison;
import dev.sextant.tracking.search.Entity;
import dev.sextant.tracking.search.Operand;
import dev.sextant.tracking.search.Operator;
import dev.sextant.tracking.search.OrderBy;
import dev.sextant.tracking.search.RunQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A by-hand measurement, not a timed test: run search over 100,000 runs with 20 params and 20
 * metrics each on embedded H2. Run with {@code mvn -pl sextant-store -am verify -Dsextant.bench=true
 * -Dtest=SearchLatencyCheck -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=none}; set
 * {@code -Dsextant.bench.dir=/some/dir} to keep the generated database between runs.
 */
@EnabledIfSystemProperty(named = "sextant.bench", matches = "true")
class SearchLatencyCheck {
    private static final int RUNS = Integer.getInteger("sextant.bench.runs", 100_000);
    private static final int KEYS = 20;

    @Test
    void measure() throws Exception {
        String dirProperty = System.getProperty("sextant.bench.dir", "");
        Path dir = dirProperty.isEmpty() ? Files.createTempDirectory("sextant-search-") : Path.of(dirProperty);
        boolean fresh = !Files.exists(dir.resolve("metadata/sextant.mv.db"));
        try (MetadataDatabase db = MetadataDatabase.open(MetadataDatabase.embeddedUrl(dir), "sa", "")) {
            TrackingStore store = db.trackingStore();
            if (fresh) {
                long start = System.nanoTime();
                generate(store);
                System.out.printf("generated %,d runs in %.1f s%n", RUNS, (System.nanoTime() - start) / 1e9);
            }
            String experiment = store.getExperimentByName("search-bench").orElseThrow().experimentId();
            time(store, "metric > 0.5 AND param = 'v3', order by metric DESC", query(experiment,
                    List.of(metric("m0", Operator.GT, 0.5), param("p0", "v3")), List.of(order(Entity.METRIC, "m1", false))));
            time(store, "metric > 0.99 AND param = 'v3', order by metric ASC", query(experiment,
                    List.of(metric("m0", Operator.GT, 0.99), param("p0", "v3")), List.of(order(Entity.METRIC, "m1", true))));
            time(store, "metric > 0.5, order by metric DESC", query(experiment,
                    List.of(metric("m0", Operator.GT, 0.5)), List.of(order(Entity.METRIC, "m1", false))));
            time(store, "no filter, default order", query(experiment, List.of(), List.of()));
            time(store, "param = 'v3', order by param", query(experiment,
                    List.of(param("p0", "v3")), List.of(order(Entity.PARAM, "p1", true))));
        } finally {
            if (dirProperty.isEmpty()) {
                try (var paths = Files.walk(dir)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static void time(TrackingStore store, String label, RunQuery query) {
        for (int i = 0; i < 5; i++) {
            store.searchRuns(query);
        }
        long[] nanos = new long[30];
        int found = 0;
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            found = store.searchRuns(query).size();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("%-55s p50 %6.1f ms  p90 %6.1f ms  (%d runs in page)%n", label, nanos[15] / 1e6,
                nanos[27] / 1e6, found);
    }

    private static RunQuery query(String experiment, List<Comparison> filter, List<OrderBy> order) {
        return new RunQuery(List.of(experiment), filter, order, ViewType.ACTIVE_ONLY, 0, 100);
    }

    private static Comparison metric(String key, Operator op, double value) {
        return new Comparison(Entity.METRIC, key, op, new Operand.Number(value));
    }

    private static Comparison param(String key, String value) {
        return new Comparison(Entity.PARAM, key, Operator.EQ, new Operand.Text(value));
    }

    private static OrderBy order(Entity entity, String key, boolean ascending) {
        return new OrderBy(entity, key, ascending);
    }

    private static void generate(TrackingStore store) throws Exception {
        String experiment = store.createExperiment("search-bench", "", "file:///tmp/a", List.of(), 0);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    Random random = new Random(thread);
                    for (int r = thread; r < RUNS; r += threads) {
                        String id = "%032x".formatted(r);
                        store.createRun(new RunInfo(id, "run-" + r, experiment, "user" + r % 7, RunStatus.FINISHED,
                                1_700_000_000_000L + r, OptionalLong.empty(), "a/" + id, LifecycleStage.ACTIVE),
                                List.of());
                        List<Metric> metrics = new ArrayList<>();
                        List<Param> params = new ArrayList<>();
                        for (int k = 0; k < KEYS; k++) {
                            metrics.add(new Metric("m" + k, random.nextDouble(), 1, 0));
                            params.add(new Param("p" + k, "v" + random.nextInt(k == 0 ? 10 : 1_000)));
                        }
                        store.logBatch(id, metrics, params, List.of());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
