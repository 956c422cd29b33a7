package dev.sextant.store.jdbc;

import static dev.sextant.store.jdbc.StoreFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.ErrorCode;
import dev.sextant.tracking.Metric;
import dev.sextant.tracking.Param;
import dev.sextant.tracking.RunData;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

interface LogBatchContract extends StoreFixture {

    @Test
    default void latestValueFollowsStepThenTimestampThenValue() {
        RunInfo run = run(experiment("latest"), 1, 1);
        store().logBatch(run.runId(), List.of(
                new Metric("step", 1.0, 100, 5), new Metric("step", 2.0, 900, 4),
                new Metric("time", 1.0, 100, 0), new Metric("time", 2.0, 200, 0), new Metric("time", 0.5, 150, 0),
                new Metric("value", 3.0, 100, 0), new Metric("value", 7.0, 100, 0), new Metric("value", 5.0, 100, 0)),
                List.of(), List.of());

        assertThat(data(run).metrics()).containsExactly(new Metric("step", 1.0, 100, 5),
                new Metric("time", 2.0, 200, 0), new Metric("value", 7.0, 100, 0));

        // A later batch replaces the stored value only when it supersedes it.
        store().logBatch(run.runId(), List.of(new Metric("step", 9.0, 5_000, 3), new Metric("time", 3.0, 201, 0),
                new Metric("value", 6.0, 100, 0)), List.of(), List.of());

        assertThat(data(run).metrics()).containsExactly(new Metric("step", 1.0, 100, 5),
                new Metric("time", 3.0, 201, 0), new Metric("value", 7.0, 100, 0));
    }

    @Test
    default void nanAndInfinitiesRoundTrip() {
        RunInfo run = run(experiment("special"), 1, 1);
        store().logBatch(run.runId(), List.of(new Metric("nan", Double.NaN, 1, 0),
                new Metric("pos", Double.POSITIVE_INFINITY, 1, 0), new Metric("neg", Double.NEGATIVE_INFINITY, 1, 0),
                new Metric("neg", -0.5, 1, 1)), List.of(), List.of());

        assertThat(data(run).metrics()).containsExactly(new Metric("nan", Double.NaN, 1, 0),
                new Metric("neg", -0.5, 1, 1), new Metric("pos", Double.POSITIVE_INFINITY, 1, 0));
        assertThat(store().metricHistory(run.runId(), "neg", 0, 10)).containsExactly(
                new Metric("neg", Double.NEGATIVE_INFINITY, 1, 0), new Metric("neg", -0.5, 1, 1));
        assertThat(store().metricHistory(run.runId(), "nan", 0, 10)).containsExactly(new Metric("nan", Double.NaN, 1, 0));
    }

    @Test
    default void paramsAreWriteOnce() {
        RunInfo run = run(experiment("params"), 1, 1);
        param(run, "lr", "0.1");
        param(run, "lr", "0.1");

        assertFails(ErrorCode.INVALID_PARAMETER_VALUE, "Changing param values is not allowed. Param with key='lr' was"
                + " already logged with value='0.1' for run ID='" + run.runId() + "'. Attempted logging new value"
                + " '0.2'.", () -> param(run, "lr", "0.2"));
        assertThat(data(run).params()).containsExactly(new Param("lr", "0.1"));
    }

    @Test
    default void aRejectedBatchWritesNothing() {
        RunInfo run = run(experiment("atomic"), 1, 1);
        param(run, "lr", "0.1");

        assertFails(ErrorCode.INVALID_PARAMETER_VALUE, "Changing param values is not allowed",
                () -> store().logBatch(run.runId(), List.of(new Metric("loss", 1, 1, 0)),
                        List.of(new Param("batch", "32"), new Param("lr", "0.3")), List.of(new Tag("t", "v"))));

        RunData data = data(run);
        assertThat(data.metrics()).isEmpty();
        assertThat(data.params()).containsExactly(new Param("lr", "0.1"));
        assertThat(data.tags()).extracting(Tag::key).doesNotContain("t");
        assertThat(store().metricHistory(run.runId(), "loss", 0, 10)).isEmpty();
    }

    @Test
    default void conflictingParamsInOneBatchAreRejected() {
        RunInfo run = run(experiment("dup-params"), 1, 1);
        assertFails(ErrorCode.INVALID_PARAMETER_VALUE, "Param with key='a'", () -> store().logBatch(run.runId(),
                List.of(), List.of(new Param("a", "1"), new Param("a", "2")), List.of()));

        store().logBatch(run.runId(), List.of(), List.of(new Param("a", "1"), new Param("a", "1")), List.of());
        assertThat(data(run).params()).containsExactly(new Param("a", "1"));
    }

    @Test
    default void tagsAreUpsertedLastValueWinning() {
        RunInfo run = run(experiment("tag-upsert"), 1, 1);
        store().logBatch(run.runId(), List.of(), List.of(), List.of(new Tag("k", "1"), new Tag("k", "2")));
        tag(run, "k", "3");
        tag(run, "long", "v".repeat(8000));

        assertThat(data(run).tags()).contains(new Tag("k", "3"), new Tag("long", "v".repeat(8000)));
    }

    @Test
    default void largeParamValuesAreStoredAndSearchable() {
        RunInfo run = run(experiment("big"), 1, 1);
        String big = "p".repeat(6000);
        param(run, "big", big);
        assertThat(data(run).params()).containsExactly(new Param("big", big));
    }

    @Test
    default void emptyBatchIsAccepted() {
        RunInfo run = run(experiment("empty"), 1, 1);
        store().logBatch(run.runId(), List.of(), List.of(), List.of());
        assertThat(data(run).metrics()).isEmpty();
    }

    @Test
    default void concurrentBatchesOnOneRunKeepEveryPointAndTheRightLatestValue() throws Exception {
        RunInfo run = run(experiment("concurrent"), 1, 1);
        int writers = 4;
        int batches = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int b = 0; b < batches; b++) {
                        List<Metric> points = new ArrayList<>();
                        for (int i = 0; i < 50; i++) {
                            long step = (long) b * 50 + i;
                            points.add(new Metric("loss", writer * 1_000_000 + step, 1, step));
                            points.add(new Metric("w" + writer, step, 1, step));
                        }
                        store().logBatch(run.runId(), points, List.of(new Param("p", "same")),
                                List.of(new Tag("last", "w" + writer)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long last = (long) batches * 50 - 1;
        assertThat(store().metricHistory(run.runId(), "loss", 0, 100_000)).hasSize(writers * batches * 50);
        assertThat(data(run).metrics()).contains(new Metric("loss", 3_000_000 + last, 1, last),
                new Metric("w2", last, 1, last));
    }

    private RunData data(RunInfo run) {
        return store().getRun(run.runId()).orElseThrow().data();
    }
}
