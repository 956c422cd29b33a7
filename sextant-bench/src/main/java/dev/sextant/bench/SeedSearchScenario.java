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

    @Option(names = "--data-dir", required = true, description = "Server data directory (created when missing).")
    Path dataDir;

    @Option(names = "--runs", description = "Runs in the experiment (default: ${DEFAULT-VALUE}).")
    int runs = 100_000;

    @Option(names = "--params", description = "Params per run (default: ${DEFAULT-VALUE}).")
    int params = 20;

    @Option(names = "--metrics", description = "Metrics per run (default: ${DEFAULT-VALUE}).")
    int metrics = 20;

    @Option(names = "--loaders", description = "Concurrent writers while populating (default: ${DEFAULT-VALUE}).")
    int loaders = 4;

    @Option(names = "--queries", description = "Measured in-process queries (default: ${DEFAULT-VALUE}).")
    int queries = 100;

    @Option(names = "--warmup-queries", description = "Unmeasured queries first (default: ${DEFAULT-VALUE}).")
    int warmupQueries = 10;

    @Override
    public Integer call() throws Exception {
        SearchData data = new SearchData(runs, params, metrics);
        try (MetadataDatabase db = MetadataDatabase.open(MetadataDatabase.embeddedUrl(dataDir), "", "")) {
            TrackingService tracking = new TrackingService(db.trackingStore(), Clock.systemUTC(), new SecureRandom(),
                    ARTIFACT_ROOT);
            String experiment = populated(tracking, data);
            time(tracking, experiment);
        }
        return 0;
    }

    private String populated(TrackingService tracking, SearchData data) throws Exception {
        Optional<String> existing = findExperiment(tracking, data.experimentName());
        if (existing.isPresent() && tracking.getExperiment(existing.get()).tags().stream()
                .anyMatch(t -> t.key().equals(SearchData.POPULATED_TAG))) {
            System.out.println("seed-search: reusing populated experiment " + data.experimentName());
            return existing.get();
        }
        String experiment = existing.orElseGet(() -> tracking.createExperiment(data.experimentName(), "", List.of()));
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Drive.forDuration(loaders, 0, Integer.MAX_VALUE / 2, (client, iteration, measuring) -> {
            int run = next.getAndIncrement();
            if (run >= runs) {
                return false;
            }
            logRun(tracking, data, experiment, run);
            int count = done.incrementAndGet();
            if (count % 10_000 == 0) {
                System.out.printf("seed-search: %,d runs after %.0f s%n", count, (System.nanoTime() - start) / 1e9);
            }
            return true;
        });
        System.out.printf("seed-search: populated %,d runs in %.0f s%n", runs, (System.nanoTime() - start) / 1e9);
        tracking.setExperimentTag(experiment, new Tag(SearchData.POPULATED_TAG, "true"));
        return experiment;
    }

    private void logRun(TrackingService tracking, SearchData data, String experiment, int run) {
        long now = System.currentTimeMillis();
        String runId = tracking.createRun(new NewRun(experiment, "", "", OptionalLong.of(now), List.of()))
                .info().runId();
        SplittableRandom random = data.values(run);
        List<Param> paramList = new ArrayList<>(params);
        for (int p = 0; p < params; p++) {
            paramList.add(new Param("p" + p, "v" + random.nextInt(10)));
        }
        List<Metric> metricList = new ArrayList<>(metrics);
        for (int m = 0; m < metrics; m++) {
            metricList.add(new Metric("m" + m, random.nextDouble(), now, 0));
        }
        tracking.logBatch(runId, metricList, paramList, List.of());
    }

    private void time(TrackingService tracking, String experiment) {
        SplittableRandom random = new SplittableRandom(7);
        Latencies latencies = new Latencies();
        long returned = 0;
        for (int i = -warmupQueries; i < queries; i++) {
            RunSearch search = new RunSearch(List.of(experiment), SearchData.filter(random),
                    List.of(SearchData.ORDER_BY), ViewType.ACTIVE_ONLY, OptionalLong.of(100), "");
            long start = System.nanoTime();
            Page<Run> page = tracking.searchRuns(search);
            if (i >= 0) {
                latencies.record(System.nanoTime() - start);
                returned += page.items().size();
            }
        }
        System.out.printf("seed-search: in-process search, page of 100: %s; %.1f runs per page on average%n",
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
