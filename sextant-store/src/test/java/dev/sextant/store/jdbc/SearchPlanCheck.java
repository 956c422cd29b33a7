package dev.sextant.store.jdbc;

import dev.sextant.store.testing.PostgresServer;
import dev.sextant.tracking.Experiment;
import dev.sextant.tracking.Tag;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A by-hand check of the run search's statements on realistic data, not a timed test: bulk-loads
 * R runs x 20 params x 20 metrics (random run ids, params {@code v0…v9}, metrics uniform in [0, 1),
 * the shape of {@code sextant-bench/run search}) into H2 and PostgreSQL, then prints for several
 * searches the plan of each statement the store runs ({@code EXPLAIN ANALYZE}) and its latency.
 * Only what search reads is loaded (no metric history). With
 * {@code -Dsextant.bench.experiments=E} the runs are spread over E experiments and searched
 * together. Run with
 * {@code mvn -pl sextant-store -am verify -Dsextant.bench=true -Dtest=SearchPlanCheck
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=none [-Dsextant.bench.runs=100000]
 * [-Dsextant.bench.databases=h2,postgresql] [-Dsextant.bench.dir=DIR] [-Dsextant.bench.general=true]};
 * the last also explains and times the statement over every matching run (seconds per query at
 * 100,000 runs) and a search the store cannot walk. With a directory, the H2
 * database is kept there and loaded only once, and a server started with {@code --data-dir DIR}
 * serves the experiments to {@code sextant-bench/run search}.
 */
@EnabledIfSystemProperty(named = "sextant.bench", matches = "true")
class SearchPlanCheck {
    private static final int RUNS = Integer.getInteger("sextant.bench.runs", 100_000);
    private static final int EXPERIMENTS = Integer.getInteger("sextant.bench.experiments", 1);
    /** Also explain and time the statement over every matching run, which takes seconds at 100,000 runs. */
    private static final boolean GENERAL = Boolean.getBoolean("sextant.bench.general");
    private static final int KEYS = 20;
    private static final int RUNS_PER_TRANSACTION = 500;
    /** The tag {@code sextant-bench/run search} looks for on an experiment it may reuse. */
    private static final Tag POPULATED = new Tag("bench.populated", "true");

    @Test
    void explainAndTime() throws Exception {
        for (String database : System.getProperty("sextant.bench.databases", "h2,postgresql").split(",")) {
            String keep = System.getProperty("sextant.bench.dir", "");
            Path dir = keep.isEmpty() ? Files.createTempDirectory("sextant-search-plan-") : Path.of(keep);
            Connection connection = database.equals("h2")
                    ? new Connection(MetadataDatabase.embeddedUrl(dir), "", "") // the server's user
                    : postgres();
            try (MetadataDatabase db = MetadataDatabase.open(connection.url(), connection.user(), connection.password())) {
                Jdbi jdbi = Jdbi.create(connection.url(), connection.user(), connection.password());
                List<String> experiments = populated(db, jdbi, database);
                queries(experiments).forEach((label, query) -> jdbi.useHandle(handle -> report(handle, database,
                        label, query)));
            }
        }
    }

    /**
     * The ids of the experiments, loaded first unless they are already; named as the search
     * benchmark names its own, so that a server started on a kept H2 directory serves them to
     * {@code sextant-bench/run search --runs R --experiments E}.
     */
    private static List<String> populated(MetadataDatabase db, Jdbi jdbi, String database) {
        TrackingStore store = db.trackingStore();
        String base = "bench-search-" + RUNS + "x" + KEYS + "x" + KEYS;
        List<String> ids = new java.util.ArrayList<>();
        boolean loaded = true;
        for (int e = 0; e < EXPERIMENTS; e++) {
            String name = EXPERIMENTS == 1 ? base : base + "-" + (e + 1) + "of" + EXPERIMENTS;
            Optional<Experiment> existing = store.getExperimentByName(name);
            loaded &= existing.isPresent() && existing.get().tags().contains(POPULATED);
            ids.add(existing.map(Experiment::experimentId)
                    .orElseGet(() -> store.createExperiment(name, "", "file:///tmp/a", List.of(), 0)));
        }
        if (!loaded) {
            long start = System.nanoTime();
            jdbi.useHandle(handle -> load(handle, ids.stream().map(Long::parseLong).toList()));
            jdbi.useHandle(handle -> handle.execute("ANALYZE"));
            ids.forEach(id -> store.setExperimentTag(id, POPULATED));
            System.out.printf("%n==== %s: loaded %,d runs into %d experiment(s) in %.1f s%n", database, RUNS,
                    EXPERIMENTS, (System.nanoTime() - start) / 1e9);
        }
        return ids;
    }

    private static Connection postgres() {
        PostgresServer.Database db = PostgresServer.shared().createDatabase();
        return new Connection(db.jdbcUrl(), db.user(), db.password());
    }

    private record Connection(String url, String user, String password) {
    }

    /** Each search draws its values, and its page size around 100, from the given source: H2 answers a repeated statement with the same values from a cache. */
    private static Map<String, Function<SplittableRandom, RunQuery>> queries(List<String> experiment) {
        Map<String, Function<SplittableRandom, RunQuery>> queries = new LinkedHashMap<>();
        OrderBy m5Desc = new OrderBy(Entity.METRIC, "m5", false);
        queries.put("m3 > X and p7 = 'vN', order by m5 DESC (the benchmark)", r -> query(experiment,
                List.of(metric("m3", Operator.GT, r.nextDouble(0.2, 0.8)), param("p7", "v" + r.nextInt(10))),
                List.of(m5Desc), 0, r));
        queries.put("m3 > X and p7 = 'vN', order by m5 ASC", r -> query(experiment,
                List.of(metric("m3", Operator.GT, r.nextDouble(0.2, 0.8)), param("p7", "v" + r.nextInt(10))),
                List.of(new OrderBy(Entity.METRIC, "m5", true)), 0, r));
        queries.put("the benchmark, 11th page", r -> query(experiment,
                List.of(metric("m3", Operator.GT, r.nextDouble(0.2, 0.8)), param("p7", "v" + r.nextInt(10))),
                List.of(m5Desc), 1_000, r));
        queries.put("m3 > X and p7 = 'vN', order by start_time DESC", r -> query(experiment,
                List.of(metric("m3", Operator.GT, r.nextDouble(0.2, 0.8)), param("p7", "v" + r.nextInt(10))),
                List.of(new OrderBy(Entity.ATTRIBUTE, "start_time", false)), 0, r));
        queries.put("m3 > X and p7 != 'vN' (most runs), order by m5 DESC", r -> query(experiment,
                List.of(metric("m3", Operator.GT, r.nextDouble(0.05, 0.15)),
                        new Comparison(Entity.PARAM, "p7", Operator.NE, new Operand.Text("v" + r.nextInt(10)))),
                List.of(m5Desc), 0, r));
        queries.put("no filter, default order", r -> query(experiment, List.of(), List.of(), 0, r));
        queries.put("p7 = 'vN', default order", r -> query(experiment, List.of(param("p7", "v" + r.nextInt(10))),
                List.of(), 0, r));
        queries.put("m3 > 0.999 and p7 = 'vN' (a few runs), order by m5 DESC", r -> query(experiment,
                List.of(metric("m3", Operator.GT, 0.999), param("p7", "v" + r.nextInt(10))), List.of(m5Desc), 0, r));
        queries.put("tag mlflow.runName = one run's, default order", r -> query(experiment,
                List.of(new Comparison(Entity.TAG, "mlflow.runName", Operator.EQ,
                        new Operand.Text("run-" + r.nextInt(RUNS)))), List.of(), 0, r));
        if (GENERAL) {
            queries.put("m3 > X, order by param p1 (not walked)", r -> query(experiment,
                    List.of(metric("m3", Operator.GT, r.nextDouble(0.2, 0.8))),
                    List.of(new OrderBy(Entity.PARAM, "p1", true)), 0, r));
        }
        return queries;
    }

    private static void report(Handle handle, String database, String label, Function<SplittableRandom, RunQuery> draw) {
        RunQuery query = draw.apply(new SplittableRandom(1));
        Dialect dialect = database.equals("h2") ? Dialect.H2 : Dialect.POSTGRESQL;
        List<Long> experiments = RunSearch.experiments(query);
        System.out.printf("%n---- %s: %s%n", database, label);
        Optional<Sql> walked = experiments.size() == 1 && OrderWalk.walkable(query.orderBy())
                ? Optional.of(RunSearch.walkedPageQuery(query, experiments.get(0), dialect)) : Optional.empty();
        Optional<Comparison> selective = SelectiveFilter.find(handle, query, experiments);
        Sql general = RunSearch.pageQuery(query, experiments, selective);
        System.out.printf("filter matching fewer than %d runs: %s (the store tries to %s)%n", SelectiveFilter.cap(query),
                selective.map(Comparison::toString).orElse("none"), selective.isPresent() ? "starts from it"
                        : OrderWalk.walkable(query.orderBy()) ? "walks the order" : "sorts all");
        String explain = database.equals("h2") ? "EXPLAIN ANALYZE " : "EXPLAIN (ANALYZE, BUFFERS) ";
        walked.ifPresent(sql -> {
            int found = sql.query(handle).mapTo(String.class).list().size();
            System.out.printf("walked statement (%d of %d rows: %s)%n%s%n", found, query.limit(),
                    found == query.limit() ? "page complete" : "too few, the general statement follows",
                    plan(sql.query(handle, explain).mapTo(String.class).list()));
        });
        SplittableRandom values = new SplittableRandom(2);
        System.out.printf("latency of the store's page ids: %s%n",
                time(() -> RunSearch.pageIds(handle, dialect, draw.apply(values))));
        if (GENERAL) {
            System.out.printf("general statement%n%s%n", plan(general.query(handle, explain).mapTo(String.class).list()));
            System.out.printf("general statement alone: %s%n", time(() -> {
                RunQuery q = draw.apply(values);
                List<Long> e = RunSearch.experiments(q);
                RunSearch.pageQuery(q, e, Optional.empty()).query(handle).mapTo(String.class).list();
            }));
        }
        System.out.printf("page with its runs loaded: %s%n",
                time(() -> RunLoader.load(handle, RunSearch.pageIds(handle, dialect, draw.apply(values)))));
        List<String> page = RunSearch.pageIds(handle, dialect, query);
        if (!page.isEmpty() && label.contains("benchmark)")) {
            for (String table : List.of("latest_metrics", "params", "run_tags")) {
                Sql load = new Sql();
                load.add("SELECT * FROM " + table + " WHERE run_id IN (").add(load.params(page)).add(")");
                System.out.printf("loading the page's %s%n%s%n", table,
                        plan(load.query(handle, explain).mapTo(String.class).list()));
            }
        }
    }

    /** The plan's lines, each cut short: PostgreSQL prints every id of an IN list. */
    private static String plan(List<String> rows) {
        return String.join("\n", rows).lines().map(line -> line.length() > 200 ? line.substring(0, 200) + " ..." : line)
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static String time(Runnable work) {
        for (int i = 0; i < 3; i++) {
            work.run();
        }
        long[] nanos = new long[15];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            work.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return String.format("p50 %.1f ms, max %.1f ms", nanos[nanos.length / 2] / 1e6, nanos[nanos.length - 1] / 1e6);
    }

    private static void load(Handle handle, List<Long> experiments) {
        for (int from = 0; from < RUNS; from += RUNS_PER_TRANSACTION) {
            int first = from;
            handle.useTransaction(h -> loadRuns(h, experiments, first, Math.min(RUNS, first + RUNS_PER_TRANSACTION)));
        }
    }

    /** Run r goes to experiment r mod E, with the values the search benchmark draws for it. */
    private static void loadRuns(Handle handle, List<Long> experiments, int from, int to) {
        PreparedBatch runs = handle.prepareBatch("INSERT INTO runs (run_id, experiment_id, run_name, user_id, status,"
                + " start_time, artifact_uri, lifecycle_stage) VALUES (:id, :e, :name, 'u', 'FINISHED', :start, 'a',"
                + " 'active')");
        PreparedBatch tags = handle.prepareBatch("INSERT INTO run_tags (run_id, tag_key, tag_value, value_hash)"
                + " VALUES (:id, 'mlflow.runName', :name, :hash)");
        PreparedBatch params = handle.prepareBatch("INSERT INTO params (run_id, param_key, param_value, value_hash)"
                + " VALUES (:id, :key, :value, :hash)");
        PreparedBatch metrics = handle.prepareBatch("INSERT INTO latest_metrics (run_id, metric_key, experiment_id,"
                + " step, metric_timestamp, metric_value, next_chunk_seq, tail_chunk_seq, tail_points) VALUES"
                + " (:id, :key, :e, 0, 0, :value, 1, 0, 1)");
        for (int run = from; run < to; run++) {
            long experiment = experiments.get(run % experiments.size());
            SplittableRandom ids = new SplittableRandom(~run);
            String id = new UUID(ids.nextLong(), ids.nextLong()).toString().replace("-", "");
            String name = "run-" + run;
            // Runs started within the same few milliseconds, as concurrent clients create them.
            runs.bind("id", id).bind("e", experiment).bind("name", name).bind("start", 1_700_000_000_000L + run / 4)
                    .add();
            tags.bind("id", id).bind("name", name).bind("hash", ValueHash.of(name)).add();
            SplittableRandom random = new SplittableRandom(run); // the benchmark's draws: params, then metrics
            for (int k = 0; k < KEYS; k++) {
                String value = "v" + random.nextInt(10);
                params.bind("id", id).bind("key", "p" + k).bind("value", value).bind("hash", ValueHash.of(value)).add();
            }
            for (int k = 0; k < KEYS; k++) {
                metrics.bind("id", id).bind("key", "m" + k).bind("e", experiment).bind("value", random.nextDouble())
                        .add();
            }
        }
        runs.execute();
        tags.execute();
        params.execute();
        metrics.execute();
    }

    private static RunQuery query(List<String> experiments, List<Comparison> filter, List<OrderBy> order, long offset,
                                  SplittableRandom random) {
        return new RunQuery(experiments, filter, order, ViewType.ACTIVE_ONLY, offset, 96 + random.nextInt(10));
    }

    private static Comparison metric(String key, Operator op, double value) {
        return new Comparison(Entity.METRIC, key, op, new Operand.Number(value));
    }

    private static Comparison param(String key, String value) {
        return new Comparison(Entity.PARAM, key, Operator.EQ, new Operand.Text(value));
    }
}
