package dev.sextant.store.jdbc;

import dev.sextant.tracking.ViewType;
import dev.sextant.tracking.search.Comparison;
import dev.sextant.tracking.search.Entity;
import dev.sextant.tracking.search.Operand;
import dev.sextant.tracking.search.Operator;
import dev.sextant.tracking.search.OrderBy;
import dev.sextant.tracking.search.RunQuery;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A by-hand check of where a run search's time goes, not a timed test: on a data directory loaded
 * by {@link SearchPlanCheck} ({@code -Dsextant.bench.dir=DIR}), runs the benchmark's search (issue
 * 3's query, values drawn per search) many times in a warm JVM and prints the median and p90 of each
 * stage the store goes through: the selectivity counts, the page ids, loading the page, and the
 * whole store call. Run with {@code mvn -pl sextant-store -am test -Dtest=SearchStageCheck
 * -Dsurefire.failIfNoSpecifiedTests=false -Dsextant.bench=true -Dsextant.bench.dir=DIR
 * [-Dsextant.bench.searches=300] [-Dsextant.bench.offset=0]}.
 */
@EnabledIfSystemProperty(named = "sextant.bench", matches = "true")
class SearchStageCheck {
    private static final int SEARCHES = Integer.getInteger("sextant.bench.searches", 300);
    /** The page's offset: 1000 times the 11th page. */
    private static final int OFFSET = Integer.getInteger("sextant.bench.offset", 0);

    @Test
    void stages() {
        Path dir = Path.of(System.getProperty("sextant.bench.dir"));
        String url = MetadataDatabase.embeddedUrl(dir);
        try (MetadataDatabase db = MetadataDatabase.open(url, "", "")) {
            String experiment = db.trackingStore().getExperimentByName("bench-search-100000x20x20").orElseThrow()
                    .experimentId();
            Jdbi jdbi = Jdbi.create(url, "", "");
            SplittableRandom random = new SplittableRandom(7);
            Supplier<RunQuery> draw = () -> new RunQuery(List.of(experiment),
                    List.of(new Comparison(Entity.METRIC, "m3", Operator.GT, new Operand.Number(random.nextDouble(0.2, 0.8))),
                            new Comparison(Entity.PARAM, "p7", Operator.EQ, new Operand.Text("v" + random.nextInt(10)))),
                    List.of(new OrderBy(Entity.METRIC, "m5", false)), ViewType.ACTIVE_ONLY, OFFSET, 100);
            Map<String, long[]> stages = new LinkedHashMap<>();
            for (String s : List.of("selective filter", "walked page ids", "page ids again", "load page", "store call")) {
                stages.put(s, new long[SEARCHES]);
            }
            jdbi.useHandle(handle -> {
                RunQuery sample = draw.get();
                System.out.println(String.join("\n", RunSearch.walkedPageQuery(sample, Long.parseLong(experiment),
                        Dialect.H2).query(handle, "EXPLAIN ANALYZE ").mapTo(String.class).list()));
                for (int i = -30; i < SEARCHES; i++) {
                    RunQuery whole = draw.get();
                    long s0 = System.nanoTime();
                    db.trackingStore().searchRuns(whole);
                    if (i >= 0) {
                        stages.get("store call")[i] = System.nanoTime() - s0;
                    }
                    RunQuery q = draw.get();
                    List<Long> experiments = RunSearch.experiments(q);
                    long t0 = System.nanoTime();
                    SelectiveFilter.find(handle, q, experiments);
                    long t1 = System.nanoTime();
                    RunSearch.walkedPageIds(handle, Dialect.H2, q, experiments);
                    long t2 = System.nanoTime();
                    List<String> ids = RunSearch.pageIds(handle, Dialect.H2, q);
                    long t3 = System.nanoTime();
                    RunLoader.load(handle, ids);
                    long t4 = System.nanoTime();
                    if (i >= 0) {
                        stages.get("selective filter")[i] = t1 - t0;
                        stages.get("walked page ids")[i] = t2 - t1;
                        stages.get("page ids again")[i] = t3 - t2;
                        stages.get("load page")[i] = t4 - t3;
                    }
                }
            });
            stages.forEach((stage, nanos) -> {
                Arrays.sort(nanos);
                System.out.printf("%-18s p50 %6.1f ms  p90 %6.1f ms  min %6.1f ms%n", stage, nanos[nanos.length / 2] / 1e6,
                        nanos[nanos.length * 9 / 10] / 1e6, nanos[0] / 1e6);
            });
        }
    }
}
