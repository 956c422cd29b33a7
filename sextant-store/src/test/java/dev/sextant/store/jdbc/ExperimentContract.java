package dev.sextant.store.jdbc;

import static dev.sextant.store.jdbc.StoreFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.ErrorCode;
import dev.sextant.tracking.Experiment;
import dev.sextant.tracking.LifecycleStage;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.Tag;
import java.util.List;
import org.junit.jupiter.api.Test;

interface ExperimentContract extends StoreFixture {

    @Test
    default void createdExperimentsGetSequentialIdsAndDefaultArtifactLocation() {
        String first = store().createExperiment("first", "", ROOT, List.of(new Tag("team", "vision")), 1_000);
        String second = store().createExperiment("second", "s3://bucket/x", ROOT, List.of(), 2_000);

        assertThat(first).isEqualTo("1");
        assertThat(second).isEqualTo("2");
        assertThat(store().getExperiment(first)).contains(new Experiment("1", "first", ROOT + "/1",
                LifecycleStage.ACTIVE, 1_000, 1_000, List.of(new Tag("team", "vision"))));
        assertThat(store().getExperiment(second).orElseThrow().artifactLocation()).isEqualTo("s3://bucket/x");
    }

    @Test
    default void defaultExperimentIsZeroAndCreatedOnce() {
        store().ensureDefaultExperiment(ROOT, 5);
        store().ensureDefaultExperiment(ROOT, 6);

        Experiment defaults = store().getExperiment("0").orElseThrow();
        assertThat(defaults.name()).isEqualTo("Default");
        assertThat(defaults.artifactLocation()).isEqualTo(ROOT + "/0");
        assertThat(defaults.creationTime()).isEqualTo(5);
        assertThat(experiment("next")).isEqualTo("1");
    }

    @Test
    default void duplicateNamesAreRejectedEvenWhenDeleted() {
        String id = experiment("dup");
        assertFails(ErrorCode.RESOURCE_ALREADY_EXISTS, "Experiment(name=dup) already exists.", () -> experiment("dup"));

        store().setExperimentLifecycle(id, LifecycleStage.DELETED, 2_000);
        assertFails(ErrorCode.RESOURCE_ALREADY_EXISTS, "Experiment(name=dup) already exists.", () -> experiment("dup"));
    }

    @Test
    default void missingExperimentsAreEmptyOrNotFound() {
        assertThat(store().getExperiment("999999")).isEmpty();
        assertThat(store().getExperiment("not-a-number")).isEmpty();
        assertThat(store().getExperimentByName("nope")).isEmpty();
        assertFails(ErrorCode.RESOURCE_DOES_NOT_EXIST, "No Experiment with id=999999 exists",
                () -> store().renameExperiment("999999", "x", 1));
        assertFails(ErrorCode.RESOURCE_DOES_NOT_EXIST, "No Experiment with id=999999 exists",
                () -> store().setExperimentLifecycle("999999", LifecycleStage.DELETED, 1));
        assertFails(ErrorCode.RESOURCE_DOES_NOT_EXIST, "No Experiment with id=999999 exists",
                () -> store().setExperimentTag("999999", new Tag("a", "b")));
    }

    @Test
    default void getByNameFindsActiveAndDeletedExperiments() {
        String id = experiment("by-name");
        assertThat(store().getExperimentByName("by-name").orElseThrow().experimentId()).isEqualTo(id);

        store().setExperimentLifecycle(id, LifecycleStage.DELETED, 2_000);
        assertThat(store().getExperimentByName("by-name").orElseThrow().lifecycleStage())
                .isEqualTo(LifecycleStage.DELETED);
    }

    @Test
    default void renameChangesNameAndUpdateTime() {
        String id = experiment("old");
        experiment("taken");

        store().renameExperiment(id, "new", 7_000);

        Experiment renamed = store().getExperiment(id).orElseThrow();
        assertThat(renamed.name()).isEqualTo("new");
        assertThat(renamed.lastUpdateTime()).isEqualTo(7_000);
        assertThat(store().getExperimentByName("old")).isEmpty();
        assertFails(ErrorCode.RESOURCE_ALREADY_EXISTS, "Experiment(name=taken) already exists.",
                () -> store().renameExperiment(id, "taken", 8_000));
        store().renameExperiment(id, "new", 9_000);
    }

    @Test
    default void experimentTagsAreSetReplacedAndDeleted() {
        String id = experiment("tagged");
        store().setExperimentTag(id, new Tag("b", "1"));
        store().setExperimentTag(id, new Tag("a", "2"));
        store().setExperimentTag(id, new Tag("b", "3"));

        assertThat(store().getExperiment(id).orElseThrow().tags()).containsExactly(new Tag("a", "2"), new Tag("b", "3"));

        store().deleteExperimentTag(id, "a");
        assertThat(store().getExperiment(id).orElseThrow().tags()).containsExactly(new Tag("b", "3"));
        assertFails(ErrorCode.RESOURCE_DOES_NOT_EXIST, "No tag with name: a",
                () -> store().deleteExperimentTag(id, "a"));
    }

    @Test
    default void deletingAnExperimentDeletesItsRunsAndRestoringRestoresThem() {
        String id = experiment("cascade");
        String other = experiment("other");
        RunInfo a = run(id, 1, 100);
        RunInfo b = run(id, 2, 200);
        RunInfo elsewhere = run(other, 3, 300);

        store().setExperimentLifecycle(id, LifecycleStage.DELETED, 5_000);

        Experiment deleted = store().getExperiment(id).orElseThrow();
        assertThat(deleted.lifecycleStage()).isEqualTo(LifecycleStage.DELETED);
        assertThat(deleted.lastUpdateTime()).isEqualTo(5_000);
        assertThat(stage(a)).isEqualTo(LifecycleStage.DELETED);
        assertThat(stage(b)).isEqualTo(LifecycleStage.DELETED);
        assertThat(stage(elsewhere)).isEqualTo(LifecycleStage.ACTIVE);

        store().setExperimentLifecycle(id, LifecycleStage.ACTIVE, 6_000);

        assertThat(store().getExperiment(id).orElseThrow().lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
        assertThat(stage(a)).isEqualTo(LifecycleStage.ACTIVE);
        assertThat(stage(b)).isEqualTo(LifecycleStage.ACTIVE);
    }

    private LifecycleStage stage(RunInfo run) {
        return store().getRunInfo(run.runId()).orElseThrow().lifecycleStage();
    }
}
