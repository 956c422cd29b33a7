package dev.sextant.store.jdbc;

import static dev.sextant.store.jdbc.SearchTerms.asc;
import static dev.sextant.store.jdbc.SearchTerms.desc;
import static dev.sextant.store.jdbc.SearchTerms.onAttribute;
import static dev.sextant.store.jdbc.SearchTerms.onMetric;
import static dev.sextant.store.jdbc.SearchTerms.onParam;
import static dev.sextant.store.jdbc.SearchTerms.onTag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.tracking.LifecycleStage;
import dev.sextant.tracking.Metric;
import dev.sextant.tracking.Param;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.RunStatus;
import dev.sextant.tracking.Tag;
import dev.sextant.tracking.ViewType;
import dev.sextant.tracking.search.Comparison;
import dev.sextant.tracking.search.Entity;
import dev.sextant.tracking.search.Operand;
import dev.sextant.tracking.search.Operator;
import dev.sextant.tracking.search.OrderBy;
import dev.sextant.tracking.search.RunQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Pages through searches over runs with many ties, NaN, infinities, missing values and deleted
 * runs, page by page as a client would, and compares every page with an ordering computed here
 * from MLflow's rules: small pages are where the store reads an index in order and sorts only
 * the candidates, and where pages cross from numbers to NaN and missing values.
 */
interface RunSearchPagingContract extends StoreFixture {

    /** What the test logged for one run: the model the expected orders are computed from. */
    record Logged(RunInfo info, RunStatus status, Map<String, Double> metrics, Map<String, String> params,
                  Map<String, String> tags, boolean deleted) {
        int number() {
            return Integer.parseInt(info.runId(), 16);
        }
    }

    default List<Logged> logRuns(String experiment, int first, int count, Random random) {
        double[] values = {0.25, 0.5, 0.5, 0.75, 1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        List<Logged> runs = new ArrayList<>();
        for (int n = first; n < first + count; n++) {
            RunInfo info = run(experiment, n, 100L * random.nextInt(4)); // ties on start time
            Map<String, Double> metrics = new TreeMap<>();
            Map<String, String> params = new TreeMap<>();
            Map<String, String> tags = new TreeMap<>();
            if (random.nextInt(6) > 0) {
                metrics.put("m", values[random.nextInt(values.length)]);
            }
            metrics.put("f", (double) random.nextInt(10) / 10);
            if (random.nextInt(5) > 0) {
                params.put("p", String.valueOf((char) ('a' + random.nextInt(3))));
            }
            tags.put("t", random.nextBoolean() ? "x" : "y");
            List<Metric> points = new ArrayList<>();
            metrics.forEach((key, value) -> points.add(new Metric(key, value, 1, 0)));
            store().logBatch(info.runId(), points, params.entrySet().stream().map(e -> new Param(e.getKey(),
                    e.getValue())).toList(), tags.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList());
            RunStatus status = random.nextBoolean() ? RunStatus.RUNNING : RunStatus.FINISHED;
            if (status == RunStatus.FINISHED) {
                store().updateRun(info.runId(), status, OptionalLong.of(1_000), "");
            }
            boolean deleted = random.nextInt(8) == 0;
            if (deleted) {
                store().setRunLifecycle(info.runId(), LifecycleStage.DELETED, 1);
            }
            runs.add(new Logged(info, status, metrics, params, tags, deleted));
        }
        return runs;
    }

    @Test
    default void everyPageIsTheSliceOfTheOrderMlflowDefines() {
        Random random = new Random(42);
        String a = experiment("paging-a");
        String b = experiment("paging-b");
        List<Logged> all = new ArrayList<>(logRuns(a, 1, 48, random));
        all.addAll(logRuns(b, 101, 12, random));

        Map<String, List<Comparison>> filters = Map.of(
                "none", List.of(),
                "metric", List.of(onMetric("f", Operator.GE, 0.3)),
                "metric and param", List.of(onMetric("f", Operator.GE, 0.3), onParam("p", Operator.IN, "a", "b")),
                "tag and status", List.of(onTag("t", Operator.EQ, "x"), onAttribute("status", Operator.EQ, "FINISHED")));
        List<List<OrderBy>> orders = List.of(List.of(), List.of(desc(Entity.METRIC, "m")),
                List.of(asc(Entity.METRIC, "m")), List.of(asc(Entity.ATTRIBUTE, "start_time")),
                List.of(desc(Entity.ATTRIBUTE, "start_time"), desc(Entity.METRIC, "m")),
                List.of(desc(Entity.METRIC, "m"), asc(Entity.PARAM, "p")));
        for (List<OrderBy> order : orders) {
            filters.forEach((name, filter) -> {
                for (ViewType view : List.of(ViewType.ACTIVE_ONLY, ViewType.ALL)) {
                    checkPaging(all, List.of(a), filter, order, view, 5, name);
                }
                checkPaging(all, List.of(a, b), filter, order, ViewType.ACTIVE_ONLY, 4, name);
            });
        }
    }

    @Test
    default void aPageThatStartsAmongNanAndMissingValuesIsComplete() {
        Random random = new Random(7);
        String e = experiment("paging-tail");
        List<Logged> runs = logRuns(e, 1, 30, random);
        List<OrderBy> order = List.of(desc(Entity.METRIC, "m"));
        List<Integer> expected = expected(runs, List.of(e), List.of(), order, ViewType.ALL);
        int numbers = (int) runs.stream().filter(r -> r.metrics().containsKey("m") && !r.metrics().get("m").isNaN())
                .count();
        for (int offset = numbers - 2; offset <= numbers + 2; offset++) {
            assertThat(find(new RunQuery(List.of(e), List.of(), order, ViewType.ALL, offset, 3)))
                    .as("page of 3 at %d, %d runs have numbers", offset, numbers)
                    .isEqualTo(expected.subList(offset, Math.min(expected.size(), offset + 3)));
        }
    }

    /**
     * Searches running at the same time each get their own page right, whether they load it on
     * several connections at once or, when too many searches do so already, on one.
     */
    @Test
    default void concurrentSearchesEachGetTheirOwnPage() throws Exception {
        Random random = new Random(11);
        String e = experiment("paging-concurrent");
        List<Logged> runs = logRuns(e, 1, 40, random);
        List<Comparison> filter = List.of(onMetric("f", Operator.GE, 0.2));
        List<OrderBy> order = List.of(desc(Entity.METRIC, "m"));
        List<Integer> expected = expected(runs, List.of(e), filter, order, ViewType.ACTIVE_ONLY);
        int searches = 12;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Integer>>> pages = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < searches; i++) {
                int offset = i % 4 * 3;
                pages.add(clients.submit(() -> {
                    start.await();
                    return find(new RunQuery(List.of(e), filter, order, ViewType.ACTIVE_ONLY, offset, 3));
                }));
            }
            start.countDown();
            for (int i = 0; i < searches; i++) {
                int offset = i % 4 * 3;
                assertThat(pages.get(i).get()).as("page of 3 at %d", offset)
                        .isEqualTo(expected.subList(offset, Math.min(expected.size(), offset + 3)));
            }
        }
    }

    private void checkPaging(List<Logged> all, List<String> experiments, List<Comparison> filter, List<OrderBy> order,
                             ViewType view, int pageSize, String filterName) {
        List<Integer> expected = expected(all, experiments, filter, order, view);
        List<Integer> paged = new ArrayList<>();
        for (long offset = 0; ; offset += pageSize) {
            List<Integer> page = find(new RunQuery(experiments, filter, order, view, offset, pageSize));
            paged.addAll(page);
            if (page.size() < pageSize) {
                break;
            }
        }
        assertThat(paged).as("filter %s, order %s, view %s, experiments %s, pages of %d", filterName, order, view,
                experiments, pageSize).isEqualTo(expected);
    }

    private List<Integer> find(RunQuery query) {
        return store().searchRuns(query).stream().map(r -> Integer.parseInt(r.info().runId(), 16)).toList();
    }

    /** MLflow's order: each key with numbers first, then NaN, then missing; then newest first, then run id. */
    private static List<Integer> expected(List<Logged> all, List<String> experiments, List<Comparison> filter,
                                          List<OrderBy> order, ViewType view) {
        Comparator<Logged> comparator = (x, y) -> 0;
        for (OrderBy o : order) {
            comparator = comparator.thenComparing(sortKey(o));
        }
        comparator = comparator.thenComparing(Comparator.comparingLong((Logged r) -> r.info().startTime()).reversed())
                .thenComparing(r -> r.info().runId());
        return all.stream()
                .filter(r -> experiments.contains(r.info().experimentId()))
                .filter(r -> view == ViewType.ALL || (view == ViewType.DELETED_ONLY) == r.deleted())
                .filter(r -> filter.stream().allMatch(c -> matches(r, c)))
                .sorted(comparator).map(Logged::number).toList();
    }

    private static Comparator<Logged> sortKey(OrderBy o) {
        return switch (o.entity()) {
            case METRIC -> (x, y) -> {
                Optional<Double> a = Optional.ofNullable(x.metrics().get(o.key()));
                Optional<Double> b = Optional.ofNullable(y.metrics().get(o.key()));
                int classes = Integer.compare(metricClass(a), metricClass(b));
                if (classes != 0 || metricClass(a) != 0) {
                    return classes;
                }
                return o.ascending() ? Double.compare(a.get(), b.get()) : Double.compare(b.get(), a.get());
            };
            case PARAM -> nullsLast(r -> r.params().get(o.key()), o.ascending());
            case ATTRIBUTE -> {
                Comparator<Logged> byStart = Comparator.comparingLong(r -> r.info().startTime());
                yield o.ascending() ? byStart : byStart.reversed();
            }
            default -> throw new IllegalArgumentException("not used here: " + o);
        };
    }

    private static int metricClass(Optional<Double> value) {
        return value.isEmpty() ? 2 : value.get().isNaN() ? 1 : 0;
    }

    private static Comparator<Logged> nullsLast(Function<Logged, String> value, boolean ascending) {
        Comparator<String> natural = ascending ? Comparator.naturalOrder() : Comparator.reverseOrder();
        return Comparator.comparing(value, Comparator.nullsLast(natural));
    }

    private static boolean matches(Logged run, Comparison c) {
        Predicate<String> inList = value -> c.operand() instanceof Operand.TextList l ? l.values().contains(value)
                : value.equals(((Operand.Text) c.operand()).value());
        return switch (c.entity()) {
            case METRIC -> {
                Double value = run.metrics().get(c.key());
                double bound = ((Operand.Number) c.operand()).value();
                // As the databases compare doubles: NaN above every number.
                yield value != null && c.operator() == Operator.GE && Double.compare(value, bound) >= 0;
            }
            case PARAM -> run.params().containsKey(c.key()) && inList.test(run.params().get(c.key()));
            case TAG -> run.tags().containsKey(c.key()) && inList.test(run.tags().get(c.key()));
            case ATTRIBUTE -> c.key().equals("status") && inList.test(run.status().name());
            default -> throw new IllegalArgumentException("not used here: " + c);
        };
    }
}
