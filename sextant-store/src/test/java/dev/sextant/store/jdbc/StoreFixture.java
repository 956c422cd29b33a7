package dev.sextant.store.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.tracking.LifecycleStage;
import dev.sextant.tracking.Metric;
import dev.sextant.tracking.Param;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.RunStatus;
import dev.sextant.tracking.Tag;
import dev.sextant.tracking.TrackingStore;
import java.util.List;
import java.util.OptionalLong;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** What every contract needs: a fresh store and short ways to fill it. */
interface StoreFixture {
    String ROOT = "file:///srv/artifacts";

    TrackingStore store();

    default String runId(int n) {
        return "%032x".formatted(n);
    }

    default String experiment(String name) {
        return store().createExperiment(name, "", ROOT, List.of(), 1_000);
    }

    default RunInfo run(String experimentId, int n, long startTime) {
        RunInfo info = new RunInfo(runId(n), "run-" + n, experimentId, "alice", RunStatus.RUNNING, startTime,
                OptionalLong.empty(), ROOT + "/" + experimentId + "/" + runId(n) + "/artifacts", LifecycleStage.ACTIVE);
        store().createRun(info, List.of());
        return info;
    }

    default void metric(RunInfo run, String key, double value) {
        store().logBatch(run.runId(), List.of(new Metric(key, value, 1_000, 0)), List.of(), List.of());
    }

    default void param(RunInfo run, String key, String value) {
        store().logBatch(run.runId(), List.of(), List.of(new Param(key, value)), List.of());
    }

    default void tag(RunInfo run, String key, String value) {
        store().logBatch(run.runId(), List.of(), List.of(), List.of(new Tag(key, value)));
    }

    static void assertFails(ErrorCode code, String message, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SextantException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(code);
            org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains(message);
        });
    }
}
