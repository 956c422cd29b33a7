package dev.sextant.bench;

import dev.sextant.api.SextantException;
import dev.sextant.store.jdbc.MetadataDatabase;
import dev.sextant.tracking.Metric;
import dev.sextant.tracking.NewRun;
import dev.sextant.tracking.Page;
import dev.sextant.tracking.Param;
import dev.sextant.tracking.Run;
import dev.sextant.tracking.RunSearch;
import dev.sextant.tracking.Tag;
import dev.sextant.tracking.TrackingService;
import dev.sextant.tracking.ViewType;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Builds the search scenario's experiment straight into a server data directory, through the
 * tracking service and store a server would use but without HTTP, then times the scenario's
 * queries in-process. Start a server on the directory afterwards and {@code search --server}
 * finds the experiment populated and measures over HTTP.
 */
@Command(name = "seed-search", description = "Populate the search experiment into a data directory directly, then"
        + " time its queries without HTTP. Stop any server using the directory first.")
final class SeedSearchScenario implements Callable<Integer> {
    private static final String ARTIFACT_ROOT = "mlflow-artifacts:";

    @Mixin
    SearchDataOptions dataSet;

    @Option(names = "--data-dir", required = true, description = "Server data directory (created when missing).")
    Path dataDir;

    @Option(names = "--loaders", description = "Concurrent writers while populating (default: ${DEFAULT-VALUE}).")
    int loaders = 4;

    @Option(names = "--queries", description = "Measured in-process queries (default: ${DEFAULT-VALUE}).")
    int queries = 100;

    @Option(names = "--warmup-queries", description = "Unmeasured queries first (default: ${DEFAULT-VALUE}).")
    int warmupQueries = 10;

    @Override
    public Integer call() throws Exception {
        SearchData data = dataSet.data();
        try (MetadataDatabase db = MetadataDatabase.open(MetadataDatabase.embeddedUrl(dataDir), "", "")) {
            TrackingService tracking = new TrackingService(db.trackingStore(), Clock.systemUTC(), new SecureRandom(),
                    ARTIFACT_ROOT);
            time(tracking, populated(tracking, data));
        }
        return 0;
    }

    /** The ids of the data set's experiments, populated first unless every one already is. */
    private List<String> populated(TrackingService tracking, SearchData data) throws Exception {
        List<String> ids = new ArrayList<>();
        boolean complete = true;
        for (String name : data.experimentNames()) {
            Optional<String> existing = findExperiment(tracking, name);
            complete &= existing.isPresent() && tracking.getExperiment(existing.get()).tags().stream()
                    .anyMatch(t -> t.key().equals(SearchData.POPULATED_TAG));
            ids.add(existing.orElseGet(() -> tracking.createExperiment(name, "", List.of())));
        }
        if (complete) {
            System.out.println("seed-search: reusing populated experiments " + data.experimentNames());
            return ids;
        }
        // Runs of an interrupted earlier attempt stay; a partly populated data set is rebuilt in a new directory.
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Drive.forDuration(loaders, 0, Integer.MAX_VALUE / 2, (client, iteration, measuring) -> {
            int run = next.getAndIncrement();
            if (run >= data.runs()) {
                return false;
            }
            logRun(tracking, data, ids.get(data.experimentOf(run)), run);
            int count = done.incrementAndGet();
            if (count % 10_000 == 0) {
                System.out.printf("seed-search: %,d runs after %.0f s%n", count, (System.nanoTime() - start) / 1e9);
            }
            return true;
        });
        System.out.printf("seed-search: populated %,d runs in %d experiment(s) in %.0f s%n", data.runs(), ids.size(),
                (System.nanoTime() - start) / 1e9);
        for (String id : ids) {
            tracking.setExperimentTag(id, new Tag(SearchData.POPULATED_TAG, "true"));
        }
        return ids;
    }

    private void logRun(TrackingService tracking, SearchData data, String experiment, int run) {
        long now = System.currentTimeMillis();
        String runId = tracking.createRun(new NewRun(experiment, "", "", OptionalLong.of(now), List.of()))
                .info().runId();
        SplittableRandom random = data.values(run);
        List<Param> paramList = new ArrayList<>(data.params());
        for (int p = 0; p < data.params(); p++) {
            paramList.add(new Param("p" + p, "v" + random.nextInt(10)));
        }
        List<Metric> metricList = new ArrayList<>(data.metrics());
        for (int m = 0; m < data.metrics(); m++) {
            metricList.add(new Metric("m" + m, random.nextDouble(), now, 0));
        }
        tracking.logBatch(runId, metricList, paramList, List.of());
    }

    private void time(TrackingService tracking, List<String> experimentIds) {
        SplittableRandom random = new SplittableRandom(7);
        Latencies latencies = new Latencies();
        long returned = 0;
        for (int i = -warmupQueries; i < queries; i++) {
            RunSearch search = new RunSearch(experimentIds, dataSet.shape.filter(random),
                    List.of(dataSet.shape.orderBy), ViewType.ACTIVE_ONLY, OptionalLong.of(100), "");
            long start = System.nanoTime();
            Page<Run> page = tracking.searchRuns(search);
            if (i >= 0) {
                latencies.record(System.nanoTime() - start);
                returned += page.items().size();
            }
        }
        System.out.printf("seed-search: in-process search over %d experiment(s), query %s (order by %s), page of 100:"
                + " %s; %.1f runs per page on average%n", experimentIds.size(), dataSet.shape, dataSet.shape.orderBy,
                latencies.summary(), returned / (double) Math.max(1, queries));
    }

    private static Optional<String> findExperiment(TrackingService tracking, String name) {
        try {
            return Optional.of(tracking.getExperimentByName(name).experimentId());
        } catch (SextantException e) {
            return Optional.empty(); // not created yet
        }
    }
}
