package dev.sextant.store.jdbc;

import static dev.sextant.store.jdbc.StoreFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.sextant.api.ErrorCode;
import dev.sextant.registry.Alias;
import dev.sextant.registry.FileDigest;
import dev.sextant.registry.ModelContent;
import dev.sextant.registry.ModelSignature;
import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.ModelVersionStatus;
import dev.sextant.registry.NewModelVersion;
import dev.sextant.registry.RegisteredModel;
import dev.sextant.registry.RegistryQuery;
import dev.sextant.registry.RegistryStore;
import dev.sextant.registry.Stage;
import dev.sextant.registry.lineage.LineageStore;
import dev.sextant.tracking.Dataset;
import dev.sextant.tracking.DatasetInput;
import dev.sextant.tracking.LifecycleStage;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.RunStatus;
import dev.sextant.tracking.Tag;
import dev.sextant.tracking.TrackingStore;
import dev.sextant.tracking.search.Comparison;
import dev.sextant.tracking.search.Entity;
import dev.sextant.tracking.search.Operand;
import dev.sextant.tracking.search.Operator;
import dev.sextant.tracking.search.OrderBy;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit for {@link RegistryStore} and {@link LineageStore}: every behaviour the
 * ports promise, run against each database by a subclass that opens a fresh, empty one.
 */
public abstract class RegistryStoreContract {
    private static final ModelSignature SIGNATURE = new ModelSignature(
            "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1, 4]}, \"name\": \"X\"}]",
            "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"int64\", \"shape\": [-1]}, \"name\": \"label\"}]");

    private MetadataDatabase database;

    /** A migrated database with no data in it; the kit closes it after each test. */
    protected abstract MetadataDatabase openDatabase();

    @BeforeEach
    final void openFreshDatabase() {
        database = openDatabase();
    }

    @AfterEach
    final void closeDatabase() {
        database.close();
    }

    private RegistryStore store() {
        return database.registryStore();
    }

    // ---------------------------------------------------------------- registered models

    @Test
    void registeredModelsAreCreatedWithTagsAndFoundByName() {
        store().createRegisteredModel("churn", "predicts churn", List.of(new Tag("team", "growth")), 1_000);

        RegisteredModel model = store().getRegisteredModel("churn").orElseThrow();
        assertThat(model).isEqualTo(new RegisteredModel("churn", 1_000, 1_000, "predicts churn", List.of(),
                List.of(new Tag("team", "growth")), List.of()));
        assertThat(store().getRegisteredModel("Churn")).isEmpty();
        assertFails(ErrorCode.RESOURCE_ALREADY_EXISTS, "Registered Model (name=churn) already exists.",
                () -> store().createRegisteredModel("churn", "", List.of(), 2_000));
    }

    @Test
    void writesToAMissingModelOrVersionAreNotFound() {
        assertFails(ErrorCode.RESOURCE_DOES_NOT_EXIST, "Registered Model with name=nope not found",
                () -> store().updateRegisteredModel("nope", "x", 1));
        assertFails(ErrorCode.RESOURCE_DOES_NOT_EXIST, "Registered Model with name=nope not found",
                () -> store().createModelVersion(version("nope", "runs:/r/model", ""), 1));
        store().createRegisteredModel("m", "", List.of(), 1);
        assertFails(ErrorCode.RESOURCE_DOES_NOT_EXIST, "Model Version (name=m, version=7) not found",
                () -> store().setAlias("m", "best", 7, 2));
        assertFails(ErrorCode.RESOURCE_DOES_NOT_EXIST, "Model Version (name=m, version=7) not found",
                () -> store().transitionModelVersionStage("m", 7, Stage.STAGING, false, 2));
        assertThat(store().getModelVersion("m", 7)).isEmpty();
    }

    @Test
    void tagsAreSetReplacedAndDeletedAndMissingTagsDeleteQuietly() {
        store().createRegisteredModel("m", "", List.of(), 1);
        store().setRegisteredModelTag("m", new Tag("b", "1"));
        store().setRegisteredModelTag("m", new Tag("a", "2"));
        store().setRegisteredModelTag("m", new Tag("b", "3"));
        store().deleteRegisteredModelTag("m", "nothing");

        assertThat(store().getRegisteredModel("m").orElseThrow().tags())
                .containsExactly(new Tag("a", "2"), new Tag("b", "3"));

        store().deleteRegisteredModelTag("m", "a");
        assertThat(store().getRegisteredModel("m").orElseThrow().tags()).containsExactly(new Tag("b", "3"));
    }

    @Test
    void updateChangesDescriptionAndUpdateTime() {
        store().createRegisteredModel("m", "old", List.of(), 1_000);
        store().updateRegisteredModel("m", "new", 5_000);

        RegisteredModel model = store().getRegisteredModel("m").orElseThrow();
        assertThat(model.description()).isEqualTo("new");
        assertThat(model.lastUpdatedTimestamp()).isEqualTo(5_000);
        assertThat(model.creationTimestamp()).isEqualTo(1_000);
    }

    @Test
    void renameTakesVersionsTagsAndAliasesAlong() {
        store().createRegisteredModel("old", "", List.of(new Tag("owner", "a")), 1);
        store().createModelVersion(version("old", "runs:/r1/model", "r1"), 2);
        store().createModelVersion(version("old", "runs:/r2/model", "r2"), 3);
        store().setAlias("old", "champion", 2, 4);
        store().setModelVersionTag("old", 1, new Tag("validated", "yes"));
        store().createRegisteredModel("taken", "", List.of(), 5);

        assertFails(ErrorCode.RESOURCE_ALREADY_EXISTS, "Registered Model (name=taken) already exists.",
                () -> store().renameRegisteredModel("old", "taken", 6));
        store().renameRegisteredModel("old", "new", 7);

        assertThat(store().getRegisteredModel("old")).isEmpty();
        RegisteredModel renamed = store().getRegisteredModel("new").orElseThrow();
        assertThat(renamed.tags()).containsExactly(new Tag("owner", "a"));
        assertThat(renamed.aliases()).containsExactly(new Alias("champion", 2));
        ModelVersion first = store().getModelVersion("new", 1).orElseThrow();
        assertThat(first.name()).isEqualTo("new");
        assertThat(first.tags()).containsExactly(new Tag("validated", "yes"));
        assertThat(first.lastUpdatedTimestamp()).isEqualTo(7);
        assertThat(store().getModelVersion("new", 2).orElseThrow().aliases()).containsExactly("champion");
        assertThat(store().aliasVersion("new", "champion")).hasValue(2);
        assertThat(store().createModelVersion(version("new", "runs:/r3/model", "r3"), 8).version()).isEqualTo(3);
    }

    // ---------------------------------------------------------------- versions

    @Test
    void versionsKeepEverythingRecordedAtRegistration() {
        store().createRegisteredModel("iris", "", List.of(), 1_000);
        NewModelVersion request = new NewModelVersion("iris", "runs:/abc/model", "abc", "http://ci/1", "first",
                "alice", List.of(new Tag("k", "v")), content("mlflow-artifacts:/1/abc/artifacts/model"));

        ModelVersion created = store().createModelVersion(request, 2_000);

        assertThat(created).isEqualTo(new ModelVersion("iris", 1, 2_000, 2_000, "alice", Stage.NONE, "first",
                "runs:/abc/model", "abc", "http://ci/1", ModelVersionStatus.READY, "", List.of(new Tag("k", "v")),
                List.of(), request.content()));
        assertThat(store().getModelVersion("iris", 1)).contains(created);
        assertThat(store().getRegisteredModel("iris").orElseThrow().lastUpdatedTimestamp()).isEqualTo(2_000);
    }

    @Test
    void versionNumbersAreNeverGivenTwiceEvenAfterDeletes() {
        store().createRegisteredModel("m", "", List.of(), 1);
        store().createModelVersion(version("m", "s1", ""), 2);
        store().createModelVersion(version("m", "s2", ""), 3);
        store().createModelVersion(version("m", "s3", ""), 4);

        assertThat(store().deleteModelVersion("m", 3)).isTrue();
        assertThat(store().getModelVersion("m", 3)).isEmpty();

        assertThat(store().createModelVersion(version("m", "s4", ""), 5).version()).isEqualTo(4);
    }

    @Test
    void concurrentCreatesGetDistinctConsecutiveVersions() throws Exception {
        store().createRegisteredModel("busy", "", List.of(), 1);
        store().createRegisteredModel("other", "", List.of(), 1);
        int threads = 8;
        int perThread = 12;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String model = t % 4 == 3 ? "other" : "busy";
                Callable<List<Long>> work = () -> IntStream.range(0, perThread)
                        .mapToObj(i -> store().createModelVersion(version(model, "src", ""), 10).version()).toList();
                futures.add(pool.submit(work));
            }
            List<Long> busy = new ArrayList<>();
            List<Long> other = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                (t % 4 == 3 ? other : busy).addAll(futures.get(t).get());
            }
            assertThat(busy).doesNotHaveDuplicates().hasSize(6 * perThread);
            assertThat(busy).containsExactlyInAnyOrderElementsOf(
                    IntStream.rangeClosed(1, 6 * perThread).mapToObj(i -> (long) i).toList());
            assertThat(other).containsExactlyInAnyOrderElementsOf(
                    IntStream.rangeClosed(1, 2 * perThread).mapToObj(i -> (long) i).toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void transitionArchivesTheOtherVersionsOfTheStageWhenAsked() {
        store().createRegisteredModel("m", "", List.of(), 1);
        for (int i = 1; i <= 4; i++) {
            store().createModelVersion(version("m", "s" + i, ""), 1 + i);
        }
        store().transitionModelVersionStage("m", 1, Stage.PRODUCTION, false, 10);
        store().transitionModelVersionStage("m", 2, Stage.PRODUCTION, false, 11);
        store().transitionModelVersionStage("m", 3, Stage.STAGING, false, 12);

        assertThat(stagesOf("m")).containsExactly(Stage.PRODUCTION, Stage.PRODUCTION, Stage.STAGING, Stage.NONE);

        store().transitionModelVersionStage("m", 4, Stage.PRODUCTION, true, 13);

        assertThat(stagesOf("m")).containsExactly(Stage.ARCHIVED, Stage.ARCHIVED, Stage.STAGING, Stage.PRODUCTION);
        assertThat(store().getModelVersion("m", 1).orElseThrow().lastUpdatedTimestamp()).isEqualTo(13);
        assertThat(store().getRegisteredModel("m").orElseThrow().lastUpdatedTimestamp()).isEqualTo(13);
    }

    @Test
    void latestVersionsAreTheHighestInEachStage() {
        store().createRegisteredModel("m", "", List.of(), 1);
        for (int i = 1; i <= 5; i++) {
            store().createModelVersion(version("m", "s" + i, ""), 1 + i);
        }
        store().transitionModelVersionStage("m", 1, Stage.PRODUCTION, false, 10);
        store().transitionModelVersionStage("m", 2, Stage.PRODUCTION, false, 10);
        store().transitionModelVersionStage("m", 3, Stage.STAGING, false, 10);

        assertThat(store().latestVersions("m")).extracting(ModelVersion::version, ModelVersion::currentStage)
                .containsExactlyInAnyOrder(tuple(2L, Stage.PRODUCTION),
                        tuple(3L, Stage.STAGING),
                        tuple(5L, Stage.NONE));
        assertThat(store().getRegisteredModel("m").orElseThrow().latestVersions())
                .extracting(ModelVersion::version).containsExactlyInAnyOrder(2L, 3L, 5L);
    }

    @Test
    void versionTagsAndDescriptions() {
        store().createRegisteredModel("m", "", List.of(), 1);
        store().createModelVersion(version("m", "s", ""), 2);
        store().setModelVersionTag("m", 1, new Tag("a", "1"));
        store().setModelVersionTag("m", 1, new Tag("a", "2"));
        store().deleteModelVersionTag("m", 1, "absent");
        store().updateModelVersion("m", 1, "tuned", 9);

        ModelVersion version = store().getModelVersion("m", 1).orElseThrow();
        assertThat(version.tags()).containsExactly(new Tag("a", "2"));
        assertThat(version.description()).isEqualTo("tuned");
        assertThat(version.lastUpdatedTimestamp()).isEqualTo(9);
        store().deleteModelVersionTag("m", 1, "a");
        assertThat(store().getModelVersion("m", 1).orElseThrow().tags()).isEmpty();
    }

    // ---------------------------------------------------------------- aliases and deletion

    @Test
    void aliasesPointAtOneVersionAndMove() {
        store().createRegisteredModel("m", "", List.of(), 1);
        store().createModelVersion(version("m", "s1", ""), 2);
        store().createModelVersion(version("m", "s2", ""), 3);

        store().setAlias("m", "champion", 1, 4);
        store().setAlias("m", "challenger", 2, 5);
        store().setAlias("m", "champion", 2, 6);

        assertThat(store().aliasVersion("m", "champion")).hasValue(2);
        assertThat(store().getModelVersion("m", 1).orElseThrow().aliases()).isEmpty();
        assertThat(store().getModelVersion("m", 2).orElseThrow().aliases()).containsExactly("challenger", "champion");
        assertThat(store().getRegisteredModel("m").orElseThrow().aliases())
                .containsExactly(new Alias("challenger", 2), new Alias("champion", 2));

        store().deleteAlias("m", "champion", 7);
        store().deleteAlias("m", "never-set", 8);
        assertThat(store().aliasVersion("m", "champion")).isEqualTo(OptionalLong.empty());
    }

    @Test
    void versionsInUseAreNotDeleted() {
        store().createRegisteredModel("m", "", List.of(), 1);
        store().createModelVersion(version("m", "s1", ""), 2);
        store().createModelVersion(version("m", "s2", ""), 3);
        store().createModelVersion(version("m", "s3", ""), 4);
        store().transitionModelVersionStage("m", 1, Stage.PRODUCTION, false, 5);
        store().setAlias("m", "best", 2, 6);
        store().transitionModelVersionStage("m", 3, Stage.ARCHIVED, false, 7);

        assertThat(store().deleteModelVersion("m", 1)).isFalse();
        assertThat(store().deleteModelVersion("m", 2)).isFalse();
        assertThat(store().deleteRegisteredModel("m")).isFalse();
        assertThat(store().getModelVersion("m", 1)).isPresent();

        assertThat(store().deleteModelVersion("m", 3)).isTrue();
        store().transitionModelVersionStage("m", 1, Stage.ARCHIVED, false, 8);
        store().deleteAlias("m", "best", 9);
        assertThat(store().deleteRegisteredModel("m")).isTrue();
        assertThat(store().getRegisteredModel("m")).isEmpty();
        assertThat(store().getModelVersion("m", 1)).isEmpty();
        store().createRegisteredModel("m", "", List.of(), 10);
        assertThat(store().createModelVersion(version("m", "again", ""), 11).version()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- search

    @Test
    void registeredModelSearchFiltersOnNameAndTagsAndPages() {
        store().createRegisteredModel("churn-a", "", List.of(new Tag("team", "growth")), 3);
        store().createRegisteredModel("churn-B", "", List.of(new Tag("team", "risk")), 1);
        store().createRegisteredModel("fraud", "", List.of(new Tag("team", "risk")), 2);

        assertThat(modelNames(query(List.of(), List.of(), 0, 10))).containsExactly("churn-B", "churn-a", "fraud");
        assertThat(modelNames(query(List.of(text("name", Operator.LIKE, "churn-%")), List.of(), 0, 10)))
                .containsExactly("churn-B", "churn-a");
        assertThat(modelNames(query(List.of(text("name", Operator.ILIKE, "CHURN-b")), List.of(), 0, 10)))
                .containsExactly("churn-B");
        assertThat(modelNames(query(List.of(text("name", Operator.NE, "fraud"),
                new Comparison(Entity.TAG, "team", Operator.EQ, new Operand.Text("risk"))), List.of(), 0, 10)))
                .containsExactly("churn-B");
        assertThat(modelNames(query(List.of(), List.of(new OrderBy(Entity.ATTRIBUTE, "creation_timestamp", false)),
                0, 10))).containsExactly("churn-a", "fraud", "churn-B");
        assertThat(modelNames(query(List.of(), List.of(), 1, 1))).containsExactly("churn-a");
    }

    @Test
    void modelVersionSearchFiltersOnRunVersionSourceAndTags() {
        store().createRegisteredModel("a", "", List.of(), 1);
        store().createRegisteredModel("b", "", List.of(), 1);
        store().createModelVersion(version("a", "runs:/r1/model", "r1"), 10);
        store().createModelVersion(version("a", "runs:/r2/model", "r2"), 30);
        store().createModelVersion(version("b", "mlflow-artifacts:/x/model", "r1"), 20);
        store().setModelVersionTag("a", 2, new Tag("validated", "true"));

        assertThat(versionIds(query(List.of(), List.of(), 0, 10))).containsExactly("a/2", "b/1", "a/1");
        assertThat(versionIds(query(List.of(new Comparison(Entity.ATTRIBUTE, "run_id", Operator.IN,
                new Operand.TextList(List.of("r1", "zz")))), List.of(), 0, 10))).containsExactly("b/1", "a/1");
        assertThat(versionIds(query(List.of(text("name", Operator.EQ, "a"), new Comparison(Entity.ATTRIBUTE,
                "version_number", Operator.GT, new Operand.Number(1))), List.of(), 0, 10))).containsExactly("a/2");
        assertThat(versionIds(query(List.of(text("source_path", Operator.LIKE, "runs:/%")), List.of(), 0, 10)))
                .containsExactly("a/2", "a/1");
        assertThat(versionIds(query(List.of(text("run_id", Operator.LIKE, "r2%")), List.of(), 0, 10)))
                .containsExactly("a/2");
        assertThat(versionIds(query(List.of(new Comparison(Entity.ATTRIBUTE, "name", Operator.IN,
                new Operand.TextList(List.of("b", "c")))), List.of(), 0, 10))).containsExactly("b/1");
        assertThat(versionIds(query(List.of(new Comparison(Entity.TAG, "validated", Operator.EQ,
                new Operand.Text("true"))), List.of(), 0, 10))).containsExactly("a/2");
        assertThat(versionIds(query(List.of(), List.of(new OrderBy(Entity.ATTRIBUTE, "name", true),
                new OrderBy(Entity.ATTRIBUTE, "version_number", true)), 0, 10))).containsExactly("a/1", "a/2", "b/1");
        assertThat(versionIds(query(List.of(), List.of(), 2, 5))).containsExactly("a/1");
    }

    // ---------------------------------------------------------------- lineage

    @Test
    void lineageFindsEveryRunThatConsumedADatasetDigest() {
        TrackingStore tracking = database.trackingStore();
        String experiment = tracking.createExperiment("e", "", "mlflow-artifacts:", List.of(), 1);
        RunInfo first = run(tracking, experiment, "%032x".formatted(1), 100);
        RunInfo second = run(tracking, experiment, "%032x".formatted(2), 50);
        RunInfo unrelated = run(tracking, experiment, "%032x".formatted(3), 10);
        Dataset weather = new Dataset("weather", "d1g357", "local", "{\"uri\": \"weather.csv\"}", "", "");
        tracking.logInputs(first.runId(), List.of(new DatasetInput(List.of(new Tag("mlflow.data.context", "training")),
                weather)));
        tracking.logInputs(second.runId(), List.of(new DatasetInput(List.of(), weather)));
        tracking.logInputs(unrelated.runId(), List.of(new DatasetInput(List.of(),
                new Dataset("other", "0ther", "local", "", "", ""))));

        List<LineageStore.DatasetUse> uses = database.lineageStore().usesOfDataset("d1g357");

        assertThat(uses).containsExactly(new LineageStore.DatasetUse(second.runId(), weather, ""),
                new LineageStore.DatasetUse(first.runId(), weather, "training"));
        assertThat(database.lineageStore().usesOfDataset("unknown")).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private static RunInfo run(TrackingStore tracking, String experiment, String id, long start) {
        RunInfo info = new RunInfo(id, "run", experiment, "alice", RunStatus.FINISHED, start, OptionalLong.empty(),
                "mlflow-artifacts:/" + experiment + "/" + id + "/artifacts", LifecycleStage.ACTIVE);
        tracking.createRun(info, List.of());
        return info;
    }

    private List<Stage> stagesOf(String name) {
        return IntStream.rangeClosed(1, 4).mapToObj(v -> store().getModelVersion(name, v).orElseThrow().currentStage())
                .toList();
    }

    private List<String> modelNames(RegistryQuery query) {
        return store().searchRegisteredModels(query).stream().map(RegisteredModel::name).toList();
    }

    private List<String> versionIds(RegistryQuery query) {
        return store().searchModelVersions(query).stream().map(v -> v.name() + "/" + v.version()).toList();
    }

    private static RegistryQuery query(List<Comparison> filter, List<OrderBy> orderBy, long offset, int limit) {
        return new RegistryQuery(filter, orderBy, offset, limit);
    }

    private static Comparison text(String attribute, Operator operator, String value) {
        return new Comparison(Entity.ATTRIBUTE, attribute, operator, new Operand.Text(value));
    }

    private static NewModelVersion version(String name, String source, String runId) {
        return new NewModelVersion(name, source, runId, "", "", "", List.of(),
                content("mlflow-artifacts:/0/" + runId + "/artifacts/model"));
    }

    private static ModelContent content(String location) {
        return new ModelContent(location, "sha256:" + "ab".repeat(32), "model.onnx",
                List.of(new FileDigest("MLmodel", "01".repeat(32), 412), new FileDigest("model.onnx", "fe".repeat(32),
                        1_234_567)), SIGNATURE, false);
    }
}
