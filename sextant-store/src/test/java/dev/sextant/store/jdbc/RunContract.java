package dev.sextant.store.jdbc;

import static dev.sextant.store.jdbc.StoreFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.ErrorCode;
import dev.sextant.tracking.Dataset;
import dev.sextant.tracking.DatasetInput;
import dev.sextant.tracking.LifecycleStage;
import dev.sextant.tracking.Run;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.RunStatus;
import dev.sextant.tracking.Tag;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

interface RunContract extends StoreFixture {

    @Test
    default void createdRunIsReturnedWithItsTagsAndRunNameTag() {
        String experiment = experiment("runs");
        RunInfo info = new RunInfo(runId(1), "bright-owl", experiment, "alice", RunStatus.RUNNING, 1_000,
                OptionalLong.empty(), "s3://b/1", LifecycleStage.ACTIVE);

        store().createRun(info, List.of(new Tag("mlflow.user", "alice"), new Tag("team", "x")));

        Run run = store().getRun(runId(1)).orElseThrow();
        assertThat(run.info()).isEqualTo(info);
        assertThat(run.data().tags()).containsExactly(new Tag("mlflow.runName", "bright-owl"),
                new Tag("mlflow.user", "alice"), new Tag("team", "x"));
        assertThat(run.data().metrics()).isEmpty();
        assertThat(run.data().params()).isEmpty();
        assertThat(run.inputs()).isEmpty();
        assertThat(store().getRunInfo(runId(1))).contains(info);
    }

    @Test
    default void runNameComesFromTheTagWhenNotGiven() {
        String experiment = experiment("names");
        RunInfo info = new RunInfo(runId(1), "", experiment, "bob", RunStatus.RUNNING, 1, OptionalLong.of(2), "u",
                LifecycleStage.ACTIVE);

        store().createRun(info, List.of(new Tag("mlflow.runName", "from-tag")));

        assertThat(store().getRunInfo(runId(1)).orElseThrow().runName()).isEqualTo("from-tag");
        assertThat(store().getRunInfo(runId(1)).orElseThrow().endTime()).hasValue(2);
    }

    @Test
    default void createRunChecksExperimentAndIdUniqueness() {
        String experiment = experiment("unique");
        run(experiment, 1, 1);

        assertFails(ErrorCode.RESOURCE_ALREADY_EXISTS, "Run with id=" + runId(1) + " already exists",
                () -> run(experiment, 1, 2));
        assertFails(ErrorCode.RESOURCE_DOES_NOT_EXIST, "No Experiment with id=999999 exists", () -> run("999999", 2, 1));
    }

    @Test
    default void missingRunsAreEmptyOrNotFound() {
        String missing = runId(404);
        assertThat(store().getRun(missing)).isEmpty();
        assertThat(store().getRunInfo(missing)).isEmpty();
        String message = "Run with id=" + missing + " not found";
        assertFails(ErrorCode.RESOURCE_DOES_NOT_EXIST, message,
                () -> store().updateRun(missing, RunStatus.FINISHED, OptionalLong.of(1), ""));
        assertFails(ErrorCode.RESOURCE_DOES_NOT_EXIST, message,
                () -> store().setRunLifecycle(missing, LifecycleStage.DELETED, 1));
        assertFails(ErrorCode.RESOURCE_DOES_NOT_EXIST, message, () -> store().deleteRunTag(missing, "k"));
        assertFails(ErrorCode.RESOURCE_DOES_NOT_EXIST, message, () -> store().logBatch(missing, List.of(), List.of(),
                List.of()));
        assertFails(ErrorCode.RESOURCE_DOES_NOT_EXIST, message, () -> store().logInputs(missing, List.of()));
    }

    @Test
    default void updateSetsStatusEndTimeAndName() {
        RunInfo run = run(experiment("update"), 1, 1_000);

        store().updateRun(run.runId(), RunStatus.FINISHED, OptionalLong.of(2_000), "renamed");

        RunInfo updated = store().getRunInfo(run.runId()).orElseThrow();
        assertThat(updated.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(updated.endTime()).hasValue(2_000);
        assertThat(updated.runName()).isEqualTo("renamed");
        assertThat(store().getRun(run.runId()).orElseThrow().data().tags())
                .contains(new Tag("mlflow.runName", "renamed"));

        store().updateRun(run.runId(), RunStatus.FAILED, OptionalLong.empty(), "");

        RunInfo again = store().getRunInfo(run.runId()).orElseThrow();
        assertThat(again.status()).isEqualTo(RunStatus.FAILED);
        assertThat(again.endTime()).hasValue(2_000);
        assertThat(again.runName()).isEqualTo("renamed");
    }

    @Test
    default void runNameTagSetLaterRenamesTheRun() {
        RunInfo run = run(experiment("rename-by-tag"), 1, 1);
        tag(run, "mlflow.runName", "via-tag");
        assertThat(store().getRunInfo(run.runId()).orElseThrow().runName()).isEqualTo("via-tag");
    }

    @Test
    default void runsAreSoftDeletedAndRestored() {
        RunInfo run = run(experiment("soft"), 1, 1);

        store().setRunLifecycle(run.runId(), LifecycleStage.DELETED, 10);
        assertThat(store().getRunInfo(run.runId()).orElseThrow().lifecycleStage()).isEqualTo(LifecycleStage.DELETED);
        assertThat(store().getRun(run.runId())).isPresent();

        store().setRunLifecycle(run.runId(), LifecycleStage.ACTIVE, 11);
        assertThat(store().getRunInfo(run.runId()).orElseThrow().lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
    }

    @Test
    default void runTagsAreDeleted() {
        RunInfo run = run(experiment("tags"), 1, 1);
        tag(run, "a", "1");

        store().deleteRunTag(run.runId(), "a");

        assertThat(store().getRun(run.runId()).orElseThrow().data().tags()).extracting(Tag::key)
                .containsExactly("mlflow.runName");
        assertFails(ErrorCode.RESOURCE_DOES_NOT_EXIST, "No tag with name: a in run with id " + run.runId(),
                () -> store().deleteRunTag(run.runId(), "a"));
    }

    @Test
    default void datasetInputsRoundTripAndDatasetsAreShared() {
        String experiment = experiment("inputs");
        RunInfo first = run(experiment, 1, 1);
        RunInfo second = run(experiment, 2, 2);
        Dataset train = new Dataset("train", "d1", "local", "{\"uri\":\"/data/train.csv\"}", "{\"cols\":[]}",
                "x".repeat(100_000));
        Dataset eval = new Dataset("eval", "d2", "local", "", "", "");
        DatasetInput trainInput = new DatasetInput(List.of(new Tag("mlflow.data.context", "training")), train);

        store().logInputs(first.runId(), List.of(trainInput, new DatasetInput(List.of(), eval)));
        store().logInputs(first.runId(), List.of(new DatasetInput(List.of(new Tag("other", "ignored")), train)));
        store().logInputs(second.runId(), List.of(trainInput));

        assertThat(store().getRun(first.runId()).orElseThrow().inputs())
                .containsExactly(new DatasetInput(List.of(), eval), trainInput);
        assertThat(store().getRun(second.runId()).orElseThrow().inputs()).containsExactly(trainInput);
    }
}
