package dev.sextant.store.jdbc;

import static dev.sextant.store.jdbc.SearchTerms.asc;
import static dev.sextant.store.jdbc.SearchTerms.onAttribute;
import static dev.sextant.store.jdbc.SearchTerms.onDataset;
import static dev.sextant.store.jdbc.SearchTerms.desc;
import static dev.sextant.store.jdbc.SearchTerms.onMetric;
import static dev.sextant.store.jdbc.SearchTerms.onParam;
import static dev.sextant.store.jdbc.SearchTerms.onTag;
import static dev.sextant.store.jdbc.StoreFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.ErrorCode;
import dev.sextant.tracking.Dataset;
import dev.sextant.tracking.DatasetInput;
import dev.sextant.tracking.LifecycleStage;
import dev.sextant.tracking.Metric;
import dev.sextant.tracking.Param;
import dev.sextant.tracking.Run;
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
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Five runs: 1 (start 100, acc 0.9, lr 0.1, opt Adam, team vision), 2 (200, acc 0.5, lr 0.01, adam,
 * team Vision), 3 (300, acc 0.7, opt sgd), 4 (300, lr 0.1, opt Adam), 5 (50, acc 0.7, lr 0.2,
 * FINISHED at 500). Default order is start time descending, then run id: 3, 4, 2, 1, 5.
 */
interface RunSearchContract extends StoreFixture {

    default String fiveRuns() {
        String e = experiment("search");
        RunInfo r1 = run(e, 1, 100);
        RunInfo r2 = run(e, 2, 200);
        RunInfo r3 = run(e, 3, 300);
        RunInfo r4 = run(e, 4, 300);
        RunInfo r5 = run(e, 5, 50);
        log(r1, List.of(new Metric("acc", 0.9, 1, 0)), List.of(new Param("lr", "0.1"), new Param("opt", "Adam")),
                List.of(new Tag("team", "vision")));
        log(r2, List.of(new Metric("acc", 0.5, 1, 0)), List.of(new Param("lr", "0.01"), new Param("opt", "adam")),
                List.of(new Tag("team", "Vision")));
        log(r3, List.of(new Metric("acc", 0.7, 1, 0)), List.of(new Param("opt", "sgd")), List.of());
        log(r4, List.of(), List.of(new Param("lr", "0.1"), new Param("opt", "Adam")), List.of());
        log(r5, List.of(new Metric("acc", 0.1, 1, 0), new Metric("acc", 0.7, 1, 1)), List.of(new Param("lr", "0.2")),
                List.of());
        store().updateRun(r5.runId(), RunStatus.FINISHED, OptionalLong.of(500), "");
        store().logInputs(r1.runId(), List.of(input("train", "d1", "training")));
        store().logInputs(r2.runId(), List.of(input("eval", "d2", "evaluation")));
        return e;
    }

    private void log(RunInfo run, List<Metric> metrics, List<Param> params, List<Tag> tags) {
        store().logBatch(run.runId(), metrics, params, tags);
    }

    private static DatasetInput input(String name, String digest, String context) {
        return new DatasetInput(List.of(new Tag("mlflow.data.context", context)),
                new Dataset(name, digest, "local", "src", "", ""));
    }

    default List<Integer> find(String experiment, List<Comparison> filter, List<OrderBy> order) {
        return find(new RunQuery(List.of(experiment), filter, order, ViewType.ACTIVE_ONLY, 0, 1000));
    }

    default List<Integer> find(String experiment, Comparison... filter) {
        return find(experiment, Arrays.asList(filter), List.of());
    }

    default List<Integer> find(RunQuery query) {
        return store().searchRuns(query).stream().map(r -> Integer.parseInt(r.info().runId(), 16)).toList();
    }

    @Test
    default void defaultOrderIsStartTimeDescendingThenRunId() {
        String e = fiveRuns();
        assertThat(find(e)).containsExactly(3, 4, 2, 1, 5);
    }

    @Test
    default void metricFiltersUseTheLatestValueAndExcludeRunsWithoutTheMetric() {
        String e = fiveRuns();
        assertThat(find(e, onMetric("acc", Operator.EQ, 0.7))).containsExactly(3, 5);
        assertThat(find(e, onMetric("acc", Operator.NE, 0.7))).containsExactly(2, 1);
        assertThat(find(e, onMetric("acc", Operator.GT, 0.7))).containsExactly(1);
        assertThat(find(e, onMetric("acc", Operator.GE, 0.7))).containsExactly(3, 1, 5);
        assertThat(find(e, onMetric("acc", Operator.LT, 0.7))).containsExactly(2);
        assertThat(find(e, onMetric("acc", Operator.LE, 0.7))).containsExactly(3, 2, 5);
        assertThat(find(e, onMetric("missing", Operator.NE, 1))).isEmpty();
    }

    @Test
    default void paramFiltersSupportStringOperators() {
        String e = fiveRuns();
        assertThat(find(e, onParam("lr", Operator.EQ, "0.1"))).containsExactly(4, 1);
        assertThat(find(e, onParam("lr", Operator.NE, "0.1"))).containsExactly(2, 5);
        assertThat(find(e, onParam("lr", Operator.IN, "0.1", "0.2"))).containsExactly(4, 1, 5);
        assertThat(find(e, onParam("lr", Operator.NOT_IN, "0.1"))).containsExactly(2, 5);
        assertThat(find(e, onParam("opt", Operator.LIKE, "A%"))).containsExactly(4, 1);
        assertThat(find(e, onParam("opt", Operator.LIKE, "%dam"))).containsExactly(4, 2, 1);
        assertThat(find(e, onParam("opt", Operator.ILIKE, "ADAM"))).containsExactly(4, 2, 1);
        assertThat(find(e, onParam("opt", Operator.ILIKE, "s_d"))).containsExactly(3);
    }

    @Test
    default void tagFiltersRequireTheTag() {
        String e = fiveRuns();
        assertThat(find(e, onTag("team", Operator.EQ, "vision"))).containsExactly(1);
        assertThat(find(e, onTag("team", Operator.NE, "vision"))).containsExactly(2);
        assertThat(find(e, onTag("team", Operator.ILIKE, "VISION"))).containsExactly(2, 1);
        assertThat(find(e, onTag("team", Operator.IN, "Vision", "nlp"))).containsExactly(2);
        assertThat(find(e, onTag("mlflow.runName", Operator.EQ, "run-3"))).containsExactly(3);
    }

    @Test
    default void attributeFilters() {
        String e = fiveRuns();
        assertThat(find(e, onAttribute("run_id", Operator.IN, runId(1), runId(3)))).containsExactly(3, 1);
        assertThat(find(e, onAttribute("run_id", Operator.EQ, runId(2)))).containsExactly(2);
        assertThat(find(e, onAttribute("run_id", Operator.NOT_IN, runId(1), runId(3)))).containsExactly(4, 2, 5);
        assertThat(find(e, onAttribute("run_id", Operator.NE, runId(1)))).containsExactly(3, 4, 2, 5);
        assertThat(find(e, onAttribute("run_name", Operator.LIKE, "run-%"))).containsExactly(3, 4, 2, 1, 5);
        assertThat(find(e, onAttribute("run_name", Operator.ILIKE, "RUN-4"))).containsExactly(4);
        assertThat(find(e, onAttribute("status", Operator.EQ, "FINISHED"))).containsExactly(5);
        assertThat(find(e, onAttribute("status", Operator.NE, "FINISHED"))).containsExactly(3, 4, 2, 1);
        assertThat(find(e, onAttribute("user_id", Operator.EQ, "alice"))).hasSize(5);
        assertThat(find(e, onAttribute("artifact_uri", Operator.LIKE, "%" + runId(2) + "%"))).containsExactly(2);
        assertThat(find(e, onAttribute("start_time", Operator.GT, 100))).containsExactly(3, 4, 2);
        assertThat(find(e, onAttribute("start_time", Operator.GE, 300))).containsExactly(3, 4);
        assertThat(find(e, onAttribute("start_time", Operator.LE, 100))).containsExactly(1, 5);
        assertThat(find(e, onAttribute("end_time", Operator.LT, 1000))).containsExactly(5);
        assertThat(find(e, onAttribute("lifecycle_stage", Operator.EQ, "active"))).hasSize(5);
    }

    @Test
    default void datasetFilters() {
        String e = fiveRuns();
        assertThat(find(e, onDataset("name", Operator.EQ, "train"))).containsExactly(1);
        assertThat(find(e, onDataset("digest", Operator.IN, "d1", "d2"))).containsExactly(2, 1);
        assertThat(find(e, onDataset("context", Operator.EQ, "evaluation"))).containsExactly(2);
        assertThat(find(e, onDataset("name", Operator.LIKE, "%a%"))).containsExactly(2, 1);
    }

    @Test
    default void clausesAreAnded() {
        String e = fiveRuns();
        assertThat(find(e, onMetric("acc", Operator.GT, 0.6), onParam("lr", Operator.EQ, "0.1"))).containsExactly(1);
        assertThat(find(e, onParam("opt", Operator.ILIKE, "adam"), onAttribute("start_time", Operator.GT, 100),
                onTag("team", Operator.EQ, "Vision"))).containsExactly(2);
    }

    @Test
    default void orderByMetricPutsRunsWithoutItLastInBothDirections() {
        String e = fiveRuns();
        assertThat(find(e, List.of(), List.of(asc(Entity.METRIC, "acc")))).containsExactly(2, 3, 5, 1, 4);
        assertThat(find(e, List.of(), List.of(desc(Entity.METRIC, "acc")))).containsExactly(1, 3, 5, 2, 4);
    }

    @Test
    default void orderByParamTagAndAttributes() {
        String e = fiveRuns();
        assertThat(find(e, List.of(), List.of(asc(Entity.PARAM, "lr")))).containsExactly(2, 4, 1, 5, 3);
        assertThat(find(e, List.of(), List.of(desc(Entity.PARAM, "lr")))).containsExactly(5, 4, 1, 2, 3);
        assertThat(find(e, List.of(), List.of(asc(Entity.TAG, "team")))).containsExactly(2, 1, 3, 4, 5);
        assertThat(find(e, List.of(), List.of(asc(Entity.ATTRIBUTE, "start_time")))).containsExactly(5, 1, 2, 3, 4);
        assertThat(find(e, List.of(), List.of(desc(Entity.ATTRIBUTE, "run_name")))).containsExactly(5, 4, 3, 2, 1);
        assertThat(find(e, List.of(), List.of(asc(Entity.ATTRIBUTE, "end_time")))).containsExactly(5, 3, 4, 2, 1);
        assertThat(find(e, List.of(), List.of(desc(Entity.PARAM, "opt"), asc(Entity.METRIC, "acc"))))
                .containsExactly(3, 2, 1, 4, 5);
    }

    @Test
    default void orderByMetricPlacesNanAfterNumbersAndMissingLast() {
        String e = experiment("nan-order");
        double[] values = {1.0, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        for (int i = 0; i < values.length; i++) {
            metric(run(e, i + 1, 100), "m", values[i]);
        }
        run(e, 9, 100);

        assertThat(find(e, List.of(), List.of(asc(Entity.METRIC, "m")))).containsExactly(3, 1, 4, 2, 9);
        assertThat(find(e, List.of(), List.of(desc(Entity.METRIC, "m")))).containsExactly(4, 1, 3, 2, 9);
    }

    @Test
    default void pagesAreSlicesOfTheOrder() {
        String e = fiveRuns();
        assertThat(find(new RunQuery(List.of(e), List.of(), List.of(), ViewType.ACTIVE_ONLY, 1, 2)))
                .containsExactly(4, 2);
        assertThat(find(new RunQuery(List.of(e), List.of(), List.of(), ViewType.ACTIVE_ONLY, 4, 2)))
                .containsExactly(5);
        assertThat(find(new RunQuery(List.of(e), List.of(), List.of(), ViewType.ACTIVE_ONLY, 5, 2))).isEmpty();
    }

    @Test
    default void viewTypeSelectsByLifecycle() {
        String e = fiveRuns();
        store().setRunLifecycle(runId(2), LifecycleStage.DELETED, 1);

        assertThat(find(e)).containsExactly(3, 4, 1, 5);
        assertThat(find(new RunQuery(List.of(e), List.of(), List.of(), ViewType.DELETED_ONLY, 0, 10)))
                .containsExactly(2);
        assertThat(find(new RunQuery(List.of(e), List.of(), List.of(), ViewType.ALL, 0, 10)))
                .containsExactly(3, 4, 2, 1, 5);
        assertThat(find(new RunQuery(List.of(e), List.of(onAttribute("lifecycle_stage", Operator.EQ, "deleted")),
                List.of(), ViewType.ALL, 0, 10))).containsExactly(2);
    }

    @Test
    default void searchCoversOnlyTheGivenExperiments() {
        String e = fiveRuns();
        String other = experiment("other");
        run(other, 7, 1_000);

        assertThat(find(new RunQuery(List.of(e, other), List.of(), List.of(), ViewType.ACTIVE_ONLY, 0, 10)))
                .containsExactly(7, 3, 4, 2, 1, 5);
        assertThat(find(new RunQuery(List.of(other), List.of(), List.of(), ViewType.ACTIVE_ONLY, 0, 10)))
                .containsExactly(7);
        assertThat(find(new RunQuery(List.of("999", "abc"), List.of(), List.of(), ViewType.ALL, 0, 10))).isEmpty();
        assertThat(find(new RunQuery(List.of(), List.of(), List.of(), ViewType.ALL, 0, 10))).isEmpty();
    }

    @Test
    default void searchReturnsWholeRuns() {
        String e = fiveRuns();
        Run found = store().searchRuns(new RunQuery(List.of(e), List.of(onAttribute("run_id", Operator.EQ, runId(1))),
                List.of(), ViewType.ACTIVE_ONLY, 0, 10)).get(0);
        assertThat(found).isEqualTo(store().getRun(runId(1)).orElseThrow());
        assertThat(found.data().metrics()).containsExactly(new Metric("acc", 0.9, 1, 0));
        assertThat(found.data().params()).containsExactly(new Param("lr", "0.1"), new Param("opt", "Adam"));
        assertThat(found.inputs()).hasSize(1);
    }

    @Test
    default void valuesAreBoundNotSpliced() {
        String e = fiveRuns();
        assertThat(find(e, onParam("lr", Operator.EQ, "x' OR '1'='1"))).isEmpty();
        assertThat(find(e, onTag("team'; DROP TABLE runs; --", Operator.EQ, "vision"))).isEmpty();
        assertThat(find(e)).hasSize(5);
    }

    @Test
    default void invalidClausesAreClientErrors() {
        String e = fiveRuns();
        assertFails(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid attribute key 'bogus'",
                () -> find(e, onAttribute("bogus", Operator.EQ, "x")));
        assertFails(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid comparator 'LIKE'",
                () -> find(e, new Comparison(Entity.METRIC, "acc", Operator.LIKE, new Operand.Text("1"))));
        assertFails(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid comparator '>'", () -> find(e, onParam("lr",
                Operator.GT, "1")));
        assertFails(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid comparator 'LIKE'",
                () -> find(e, onAttribute("run_id", Operator.LIKE, "a%")));
        assertFails(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid dataset key",
                () -> find(e, onDataset("bogus", Operator.EQ, "x")));
        assertFails(ErrorCode.INVALID_PARAMETER_VALUE, "Expected a numeric value",
                () -> find(e, onAttribute("start_time", Operator.GT, "soon")));
        assertFails(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid order_by key",
                () -> find(e, List.of(), List.of(asc(Entity.ATTRIBUTE, "bogus"))));
        assertFails(ErrorCode.INVALID_PARAMETER_VALUE, "dataset",
                () -> find(e, List.of(), List.of(asc(Entity.DATASET, "name"))));
    }

    @Test
    default void largePagesAreLoadedCompletely() {
        String e = experiment("large");
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= 1_200; i++) {
            RunInfo run = run(e, i, i);
            if (i % 2 == 0) {
                param(run, "even", "yes");
            }
            expected.add(0, i);
        }
        List<Run> runs = store().searchRuns(new RunQuery(List.of(e), List.of(), List.of(), ViewType.ACTIVE_ONLY, 0,
                1_100));
        assertThat(runs).extracting(r -> Integer.parseInt(r.info().runId(), 16)).isEqualTo(expected.subList(0, 1_100));
        assertThat(runs).allSatisfy(r -> assertThat(r.data().params()).hasSize(
                Integer.parseInt(r.info().runId(), 16) % 2 == 0 ? 1 : 0));
    }
}
