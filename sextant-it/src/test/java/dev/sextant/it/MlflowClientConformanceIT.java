package dev.sextant.it;

import static dev.sextant.it.Protos.experimentTag;
import static dev.sextant.it.Protos.metric;
import static dev.sextant.it.Protos.param;
import static dev.sextant.it.Protos.point;
import static dev.sextant.it.Protos.points;
import static dev.sextant.it.Protos.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sextant.it.Protos.Point;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.CreateExperiment;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.ActiveRun;
import org.mlflow.tracking.ExperimentsPage;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowContext;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.Page;
import org.mlflow.tracking.RunsPage;

/**
 * Drives MLflow's official Java client (2.17.2) through every typed tracking method against a
 * real Sextant server, and checks that what was sent comes back. Subclasses choose the metadata
 * store. Not covered: the artifact methods ({@code logArtifact(s)}, {@code listArtifacts},
 * {@code downloadArtifacts}), because the client implements them by running Python MLflow
 * ({@code python -m mlflow.store.artifact.cli}), which is not part of this build; the artifact
 * proxy they would reach is covered by {@link RawHttpConformanceIT}. Note that the client retries
 * every error status up to three times, so each refused call below costs three requests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("deprecation") // the deprecated searchRuns overloads are part of the client's surface too
abstract class MlflowClientConformanceIT {
    private ServerProcess server;
    MlflowClient client;

    /** How to start the server under test for a fresh data directory. */
    abstract ServerProcess.Options serverOptions(Path dataDir);

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        server = ServerProcess.start(serverOptions(dataDir));
        client = new MlflowClient(server.baseUrl());
    }

    @AfterAll
    void stopServer() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    // ---------------------------------------------------------------- experiments

    @Test
    void createdExperimentIsFoundByIdAndByName() {
        String name = uniqueName("by-id-and-name");
        String id = client.createExperiment(name);

        Experiment byId = client.getExperiment(id);
        assertThat(byId.getExperimentId()).isEqualTo(id);
        assertThat(byId.getName()).isEqualTo(name);
        assertThat(byId.getLifecycleStage()).isEqualTo("active");
        assertThat(byId.getArtifactLocation()).isNotBlank();
        assertThat(byId.getCreationTime()).isPositive();

        Optional<Experiment> byName = client.getExperimentByName(name);
        assertThat(byName).isPresent();
        assertThat(byName.get().getExperimentId()).isEqualTo(id);
    }

    @Test
    void createExperimentRequestKeepsArtifactLocationAndTags() {
        String name = uniqueName("with-tags");
        String id = client.createExperiment(CreateExperiment.newBuilder().setName(name)
                .setArtifactLocation("file:///tmp/sextant-it/" + name)
                .addTags(experimentTag("team", "vision")).addTags(experimentTag("owner", "ada lovelace"))
                .build());

        Experiment experiment = client.getExperiment(id);
        assertThat(experiment.getArtifactLocation()).isEqualTo("file:///tmp/sextant-it/" + name);
        assertThat(Protos.tags(experiment)).containsEntry("team", "vision").containsEntry("owner", "ada lovelace");
    }

    @Test
    void missingExperimentNameIsEmptyNotAnError() {
        assertThat(client.getExperimentByName(uniqueName("never-created"))).isEmpty();
    }

    @Test
    void unknownExperimentIdIsNotFound() {
        assertRefused(() -> client.getExperiment("987654321"), 404, "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void duplicateExperimentNameIsRefused() {
        String name = uniqueName("duplicate");
        client.createExperiment(name);

        assertRefused(() -> client.createExperiment(name), 400, "RESOURCE_ALREADY_EXISTS");
    }

    @Test
    void namesOfDeletedExperimentsAndRenamesOntoTakenNamesAreRefused() {
        String deletedName = uniqueName("deleted-name");
        client.deleteExperiment(client.createExperiment(deletedName));
        String taken = uniqueName("taken");
        client.createExperiment(taken);
        String other = client.createExperiment(uniqueName("to-rename"));

        assertRefused(() -> client.createExperiment(deletedName), 400, "RESOURCE_ALREADY_EXISTS");
        assertRefused(() -> client.renameExperiment(other, taken), 400, "RESOURCE_ALREADY_EXISTS");
        assertThat(client.getExperiment(other).getName()).isNotEqualTo(taken);
    }

    @Test
    void runsCannotBeCreatedInADeletedExperiment() {
        String experimentId = client.createExperiment(uniqueName("deleted-experiment-runs"));
        client.deleteExperiment(experimentId);

        assertRefused(() -> client.createRun(experimentId), 400, "INVALID_PARAMETER_VALUE");
        assertThat(client.listRunInfos(experimentId)).isEmpty();
    }

    @Test
    void renamedExperimentAnswersToItsNewNameOnly() {
        String oldName = uniqueName("before-rename");
        String newName = uniqueName("after-rename");
        String id = client.createExperiment(oldName);

        client.renameExperiment(id, newName);

        assertThat(client.getExperiment(id).getName()).isEqualTo(newName);
        assertThat(client.getExperimentByName(newName)).map(Experiment::getExperimentId).contains(id);
        assertThat(client.getExperimentByName(oldName)).isEmpty();
    }

    @Test
    void experimentTagIsSetAndOverwritten() {
        String id = client.createExperiment(uniqueName("tagged"));

        client.setExperimentTag(id, "stage", "draft");
        client.setExperimentTag(id, "stage", "final");
        client.setExperimentTag(id, "note", "ünïcødé ✓");

        assertThat(Protos.tags(client.getExperiment(id))).containsEntry("stage", "final")
                .containsEntry("note", "ünïcødé ✓");
    }

    @Test
    void deletedExperimentMovesBetweenViewsAndIsRestored() {
        String name = uniqueName("lifecycle");
        String id = client.createExperiment(name);
        String filter = "name = '" + name + "'";

        client.deleteExperiment(id);
        assertThat(client.getExperiment(id).getLifecycleStage()).isEqualTo("deleted");
        assertThat(client.getExperimentByName(name)).map(Experiment::getLifecycleStage).contains("deleted");
        assertThat(experimentIds(client.searchExperiments(filter, ViewType.ACTIVE_ONLY, 10, List.of()))).isEmpty();
        assertThat(experimentIds(client.searchExperiments(filter, ViewType.DELETED_ONLY, 10, List.of())))
                .containsExactly(id);
        assertThat(experimentIds(client.searchExperiments(filter, ViewType.ALL, 10, List.of()))).containsExactly(id);

        client.restoreExperiment(id);
        assertThat(client.getExperiment(id).getLifecycleStage()).isEqualTo("active");
        assertThat(experimentIds(client.searchExperiments(filter, ViewType.ACTIVE_ONLY, 10, List.of())))
                .containsExactly(id);
    }

    @Test
    void searchExperimentsWalksPagesInRequestedOrder() {
        String prefix = uniqueName("paged");
        List<String> names = IntStream.range(0, 7).mapToObj(i -> prefix + "-" + (char) ('g' - i)).toList();
        Map<String, String> idsByName = new LinkedHashMap<>();
        names.forEach(name -> idsByName.put(name, client.createExperiment(name)));
        String filter = "name LIKE '" + prefix + "-%'";
        List<String> expectedOrder = names.stream().sorted().toList();

        // Following the page objects ...
        List<String> seen = new ArrayList<>();
        Page<Experiment> page = client.searchExperiments(filter, ViewType.ACTIVE_ONLY, 3, List.of("name ASC"));
        List<Integer> pageSizes = new ArrayList<>();
        while (true) {
            page.getItems().forEach(e -> seen.add(e.getName()));
            pageSizes.add(page.getPageSize());
            if (!page.hasNextPage()) {
                break;
            }
            page = page.getNextPage();
        }
        assertThat(seen).containsExactlyElementsOf(expectedOrder);
        assertThat(pageSizes).containsExactly(3, 3, 1);
        assertThat(page.getNextPageToken()).isEmpty();

        // ... and passing page tokens explicitly, newest name first.
        List<String> descending = new ArrayList<>();
        String token = null;
        do {
            ExperimentsPage explicit = client.searchExperiments(filter, ViewType.ACTIVE_ONLY, 2,
                    List.of("name DESC"), token);
            explicit.getItems().forEach(e -> descending.add(e.getName()));
            token = explicit.getNextPageToken().orElse(null);
        } while (token != null);
        assertThat(descending).containsExactlyElementsOf(expectedOrder.reversed());
        assertThat(descending).extracting(idsByName::get).doesNotContainNull();
    }

    @Test
    void searchExperimentsShortOverloadsFindTheDefaultAndFilteredExperiments() {
        String name = uniqueName("short-overload");
        String id = client.createExperiment(name);

        assertThat(experimentIds(client.searchExperiments())).contains("0", id);
        assertThat(experimentIds(client.searchExperiments("name = '" + name + "'"))).containsExactly(id);
        client.setExperimentTag(id, "purpose", "overload-" + name);
        assertThat(experimentIds(client.searchExperiments("tags.purpose = 'overload-" + name + "'")))
                .containsExactly(id);
    }

    // ---------------------------------------------------------------- runs

    @Test
    void runsCreatedWithoutAnExperimentGoToTheDefaultExperiment() {
        RunInfo info = client.createRun();

        assertThat(info.getExperimentId()).isEqualTo("0");
        assertThat(client.getRun(info.getRunId()).getInfo().getExperimentId()).isEqualTo("0");
    }

    @Test
    void runCreatedInAnExperimentRecordsUserStartTimeAndArtifactUri() {
        String experimentId = client.createExperiment(uniqueName("run-basics"));
        long before = System.currentTimeMillis();

        RunInfo created = client.createRun(experimentId);
        RunInfo info = client.getRun(created.getRunId()).getInfo();

        assertThat(info.getRunId()).isEqualTo(created.getRunId()).isNotBlank();
        assertThat(info.getRunUuid()).isEqualTo(info.getRunId());
        assertThat(info.getExperimentId()).isEqualTo(experimentId);
        assertThat(info.getUserId()).isEqualTo(System.getProperty("user.name"));
        assertThat(info.getStartTime()).isBetween(before - 1000, System.currentTimeMillis() + 1000);
        assertThat(info.getStatus()).isEqualTo(RunStatus.RUNNING);
        assertThat(info.getLifecycleStage()).isEqualTo("active");
        assertThat(info.getArtifactUri()).contains(info.getRunId());
        assertThat(info.getRunName()).as("a generated run name").isNotBlank();
        assertThat(Protos.tags(client.getRun(info.getRunId()))).containsEntry("mlflow.runName", info.getRunName());
    }

    @Test
    void createRunRequestKeepsNameStartTimeUserAndTags() {
        String experimentId = client.createExperiment(uniqueName("run-request"));

        RunInfo created = client.createRun(CreateRun.newBuilder().setExperimentId(experimentId)
                .setRunName("nightly-training").setStartTime(1_700_000_000_123L).setUserId("grace")
                .addTags(tag("git.commit", "4f2a9c1")).addTags(tag("unicode", "δ → ∞"))
                .build());
        Run run = client.getRun(created.getRunId());

        assertThat(run.getInfo().getRunName()).isEqualTo("nightly-training");
        assertThat(run.getInfo().getStartTime()).isEqualTo(1_700_000_000_123L);
        assertThat(run.getInfo().getUserId()).isEqualTo("grace");
        assertThat(Protos.tags(run)).containsEntry("git.commit", "4f2a9c1").containsEntry("unicode", "δ → ∞")
                .containsEntry("mlflow.runName", "nightly-training");
    }

    @Test
    void paramsMetricsAndTagsLoggedOneByOneComeBack() {
        String runId = newRun("single-logging");

        client.logParam(runId, "learning_rate", "0.01");
        client.logParam(runId, "optimizer", "adam");
        client.logMetric(runId, "loss", 0.75);
        client.logMetric(runId, "accuracy", 0.5, 1_700_000_000_000L, 3);
        client.setTag(runId, "dataset", "mnist");

        Run run = client.getRun(runId);
        assertThat(Protos.params(run)).containsEntry("learning_rate", "0.01").containsEntry("optimizer", "adam");
        assertThat(Protos.tags(run)).containsEntry("dataset", "mnist");
        Map<String, Metric> metrics = Protos.latestMetrics(run);
        assertThat(metrics.get("loss").getValue()).isEqualTo(0.75);
        assertThat(metrics.get("loss").getTimestamp()).isPositive();
        assertThat(point(metrics.get("accuracy"))).isEqualTo(new Point("accuracy", 0.5, 1_700_000_000_000L, 3));
    }

    @Test
    void paramsCannotChangeOnceLogged() {
        String runId = newRun("immutable-params");
        client.logParam(runId, "alpha", "0.1");

        client.logParam(runId, "alpha", "0.1");
        assertRefused(() -> client.logParam(runId, "alpha", "0.2"), 400, "INVALID_PARAMETER_VALUE");
        assertRefused(() -> client.logBatch(runId, List.of(), List.of(param("alpha", "0.3")), List.of()), 400,
                "INVALID_PARAMETER_VALUE");

        assertThat(Protos.params(client.getRun(runId))).containsEntry("alpha", "0.1");
    }

    @Test
    void runNameTagRenamesTheRun() {
        String runId = newRun("rename-by-tag");

        client.setTag(runId, "mlflow.runName", "renamed-by-tag");

        Run run = client.getRun(runId);
        assertThat(run.getInfo().getRunName()).isEqualTo("renamed-by-tag");
        assertThat(Protos.tags(run)).containsEntry("mlflow.runName", "renamed-by-tag");
    }

    @Test
    void runDataShowsTheValueAtTheHighestStep() {
        String runId = newRun("latest-metric");

        client.logMetric(runId, "auc", 0.61, 1000, 0);
        client.logMetric(runId, "auc", 0.83, 900, 5);
        client.logMetric(runId, "auc", 0.70, 2000, 3);

        assertThat(point(Protos.latestMetrics(client.getRun(runId)).get("auc")))
                .isEqualTo(new Point("auc", 0.83, 900, 5));
        assertThat(points(client.getMetricHistory(runId, "auc"))).containsExactlyInAnyOrder(
                new Point("auc", 0.61, 1000, 0), new Point("auc", 0.83, 900, 5), new Point("auc", 0.70, 2000, 3));
    }

    @Test
    void deleteTagRemovesOnlyThatTag() {
        String runId = newRun("delete-tag");
        client.setTag(runId, "keep", "yes");
        client.setTag(runId, "drop", "soon");

        client.deleteTag(runId, "drop");

        assertThat(Protos.tags(client.getRun(runId))).containsEntry("keep", "yes").doesNotContainKey("drop");
    }

    @Test
    void nonFiniteMetricValuesRoundTrip() {
        String runId = newRun("non-finite");

        client.logMetric(runId, "nan", Double.NaN, 1, 0);
        client.logMetric(runId, "pos_inf", Double.POSITIVE_INFINITY, 1, 0);
        client.logMetric(runId, "neg_inf", Double.NEGATIVE_INFINITY, 1, 0);
        client.logBatch(runId, List.of(metric("mixed", Double.NaN, 2, 1), metric("mixed", -12.5, 3, 2),
                metric("mixed", Double.MAX_VALUE, 4, 3), metric("mixed", Double.MIN_VALUE, 5, 4)), List.of(), List.of());

        Map<String, Metric> latest = Protos.latestMetrics(client.getRun(runId));
        assertThat(latest.get("nan").getValue()).isNaN();
        assertThat(latest.get("pos_inf").getValue()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(latest.get("neg_inf").getValue()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(client.getMetricHistory(runId, "mixed")).extracting(Metric::getStep, Metric::getValue)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(1L, Double.NaN),
                        org.assertj.core.groups.Tuple.tuple(2L, -12.5),
                        org.assertj.core.groups.Tuple.tuple(3L, Double.MAX_VALUE),
                        org.assertj.core.groups.Tuple.tuple(4L, Double.MIN_VALUE));
    }

    @Test
    void logBatchStoresMetricsParamsAndTagsTogether() {
        String runId = newRun("batch");
        List<Metric> metrics = IntStream.range(0, 50).mapToObj(step -> metric("loss", 1.0 / (step + 1),
                1_700_000_000_000L + step, step)).toList();

        client.logBatch(runId, metrics, List.of(param("epochs", "50"), param("batch_size", "128")),
                List.of(tag("framework", "tribuo"), tag("mlflow.note.content", "batch logged")));

        Run run = client.getRun(runId);
        assertThat(Protos.params(run)).containsEntry("epochs", "50").containsEntry("batch_size", "128");
        assertThat(Protos.tags(run)).containsEntry("framework", "tribuo")
                .containsEntry("mlflow.note.content", "batch logged");
        assertThat(point(Protos.latestMetrics(run).get("loss"))).isEqualTo(point(metrics.getLast()));
        assertThat(points(client.getMetricHistory(runId, "loss"))).containsExactlyInAnyOrderElementsOf(points(metrics));
    }

    @Test
    void metricHistoryLongerThanOneClientPageIsReturnedWhole() {
        String runId = newRun("long-history");
        int points = 25_000 + 1_234;
        for (int start = 0; start < points; start += 1000) {
            List<Metric> batch = IntStream.range(start, Math.min(points, start + 1000))
                    .mapToObj(step -> metric("throughput", step * 0.5, 1_600_000_000_000L + step, step)).toList();
            client.logBatch(runId, batch, List.of(), List.of());
        }

        List<Metric> history;
        try {
            history = client.getMetricHistory(runId, "throughput");
        } catch (UnsupportedOperationException e) {
            // MlflowClient 2.17.2 appends later pages to the unmodifiable list of the first page, so
            // it cannot follow a next_page_token at all; MLflow 2.x servers never sent one here.
            throw new AssertionError("the server answered the client's get-history (max_results=25000) with a "
                    + "next_page_token, which MLflow's Java client cannot follow; it must return all " + points
                    + " points in one response to this client", e);
        }

        assertThat(history).hasSize(points);
        assertThat(history.stream().sorted(Comparator.comparingLong(Metric::getStep)).toList())
                .allSatisfy(m -> {
                    assertThat(m.getValue()).isEqualTo(m.getStep() * 0.5);
                    assertThat(m.getTimestamp()).isEqualTo(1_600_000_000_000L + m.getStep());
                })
                .extracting(Metric::getStep)
                .containsExactlyElementsOf(IntStream.range(0, points).mapToObj(i -> (long) i).toList());
    }

    @Test
    void setTerminatedRecordsStatusAndEndTime() {
        String finished = newRun("terminated-default");
        String failed = newRun("terminated-failed");
        String killed = newRun("terminated-killed");
        long before = System.currentTimeMillis();

        client.setTerminated(finished);
        client.setTerminated(failed, RunStatus.FAILED);
        client.setTerminated(killed, RunStatus.KILLED, 1_800_000_000_000L);

        RunInfo finishedInfo = client.getRun(finished).getInfo();
        assertThat(finishedInfo.getStatus()).isEqualTo(RunStatus.FINISHED);
        assertThat(finishedInfo.getEndTime()).isBetween(before - 1000, System.currentTimeMillis() + 1000);
        assertThat(client.getRun(failed).getInfo().getStatus()).isEqualTo(RunStatus.FAILED);
        RunInfo killedInfo = client.getRun(killed).getInfo();
        assertThat(killedInfo.getStatus()).isEqualTo(RunStatus.KILLED);
        assertThat(killedInfo.getEndTime()).isEqualTo(1_800_000_000_000L);
    }

    @Test
    void deletedRunIsHiddenFromActiveSearchUntilRestored() {
        String experimentId = client.createExperiment(uniqueName("run-lifecycle"));
        String kept = client.createRun(experimentId).getRunId();
        String deleted = client.createRun(experimentId).getRunId();

        client.deleteRun(deleted);

        assertThat(client.getRun(deleted).getInfo().getLifecycleStage()).isEqualTo("deleted");
        assertThat(runIds(client.searchRuns(List.of(experimentId), "", ViewType.ACTIVE_ONLY))).containsExactly(kept);
        assertThat(runIds(client.searchRuns(List.of(experimentId), "", ViewType.DELETED_ONLY)))
                .containsExactly(deleted);
        assertThat(runIds(client.searchRuns(List.of(experimentId), "", ViewType.ALL)))
                .containsExactlyInAnyOrder(kept, deleted);

        client.restoreRun(deleted);
        assertThat(client.getRun(deleted).getInfo().getLifecycleStage()).isEqualTo("active");
        assertThat(runIds(client.searchRuns(List.of(experimentId), ""))).containsExactlyInAnyOrder(kept, deleted);
    }

    @Test
    void loggingToADeletedRunIsRefused() {
        String runId = newRun("deleted-run-logging");
        client.deleteRun(runId);

        assertRefused(() -> client.logParam(runId, "late", "value"), 400, "INVALID_PARAMETER_VALUE");
    }

    @Test
    void unknownRunIsNotFound() {
        assertRefused(() -> client.getRun("0123456789abcdef0123456789abcdef"), 404, "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void listRunInfosReturnsEveryRunOfTheExperiment() {
        String experimentId = client.createExperiment(uniqueName("list-run-infos"));
        List<String> created = IntStream.range(0, 4).mapToObj(i -> client.createRun(experimentId).getRunId()).toList();

        assertThat(client.listRunInfos(experimentId)).extracting(RunInfo::getRunId)
                .containsExactlyInAnyOrderElementsOf(created);
    }

    // ---------------------------------------------------------------- run search

    /** One seeded run: what was logged, to compute the expected answer of each filter. */
    record Seeded(int index, String runId, String name, String model, double accuracy, String team, boolean finished) {
    }

    private List<Seeded> seedRuns(String experimentId) {
        List<Seeded> seeded = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String model = i % 2 == 0 ? "tree" : "linear";
            double accuracy = 0.55 + 0.05 * ((i * 5) % 8);
            String team = i < 3 ? "red" : "blue";
            String name = (i % 3 == 0 ? "baseline-" : "tuned-") + i;
            String runId = client.createRun(CreateRun.newBuilder().setExperimentId(experimentId).setRunName(name)
                    .setStartTime(1_700_000_000_000L + i * 1000L).build()).getRunId();
            client.logBatch(runId, List.of(metric("accuracy", accuracy, 1, 0)),
                    List.of(param("model", model), param("learning rate", "0.0" + i)),
                    List.of(tag("team", team), tag("git.branch", i % 4 == 0 ? "main" : "feature/" + i)));
            boolean finished = i % 3 != 1;
            if (finished) {
                client.setTerminated(runId, RunStatus.FINISHED, 1_700_000_100_000L + i);
            }
            seeded.add(new Seeded(i, runId, name, model, accuracy, team, finished));
        }
        return seeded;
    }

    @Test
    void searchRunsFiltersOnMetricsParamsTagsAndAttributes() {
        String experimentId = client.createExperiment(uniqueName("search-filters"));
        List<Seeded> seeded = seedRuns(experimentId);
        Map<String, Predicate<Seeded>> filters = new LinkedHashMap<>();
        filters.put("metrics.accuracy > 0.72", s -> s.accuracy() > 0.72);
        filters.put("metrics.accuracy <= 0.67", s -> s.accuracy() <= 0.67);
        filters.put("params.model = 'tree'", s -> s.model().equals("tree"));
        filters.put("params.model != 'tree'", s -> !s.model().equals("tree"));
        filters.put("tags.team = 'red'", s -> s.team().equals("red"));
        filters.put("attributes.status = 'FINISHED'", Seeded::finished);
        filters.put("attributes.status = 'RUNNING'", s -> !s.finished());
        filters.put("attributes.run_name LIKE 'baseline-%'", s -> s.name().startsWith("baseline-"));
        filters.put("attributes.start_time >= 1700000004000", s -> s.index() >= 4);
        filters.put("params.model = 'linear' and metrics.accuracy >= 0.62 and tags.team = 'blue'",
                s -> s.model().equals("linear") && s.accuracy() >= 0.62 && s.team().equals("blue"));
        filters.put("metrics.accuracy != 0.55", s -> s.accuracy() != 0.55);
        filters.put("tags.`git.branch` = 'main'", s -> s.index() % 4 == 0);
        filters.put("tags.\"git.branch\" LIKE 'feature/%'", s -> s.index() % 4 != 0);
        filters.put("params.`learning rate` = '0.03'", s -> s.index() == 3);
        filters.put("attributes.run_name ILIKE 'BASELINE-%'", s -> s.name().startsWith("baseline-"));
        filters.put("params.model LIKE '%ree'", s -> s.model().equals("tree"));
        String first = seeded.get(0).runId();
        String last = seeded.getLast().runId();
        filters.put("attributes.run_id IN ('" + first + "', '" + last + "')",
                s -> s.runId().equals(first) || s.runId().equals(last));

        filters.forEach((filter, expected) -> assertThat(runIds(client.searchRuns(List.of(experimentId), filter)))
                .as(filter)
                .containsExactlyInAnyOrderElementsOf(seeded.stream().filter(expected).map(Seeded::runId).toList()));
    }

    @Test
    void searchRunsOrdersByMetricAndAttribute() {
        String experimentId = client.createExperiment(uniqueName("search-order"));
        List<Seeded> seeded = seedRuns(experimentId);

        RunsPage byAccuracy = client.searchRuns(List.of(experimentId), "", ViewType.ACTIVE_ONLY, 100,
                List.of("metrics.accuracy DESC", "attributes.run_name ASC"));
        assertThat(Protos.runIds(byAccuracy.getItems())).containsExactlyElementsOf(seeded.stream()
                .sorted(Comparator.comparingDouble(Seeded::accuracy).reversed().thenComparing(Seeded::name))
                .map(Seeded::runId).toList());

        RunsPage byStart = client.searchRuns(List.of(experimentId), "params.model = 'tree'", ViewType.ACTIVE_ONLY,
                100, List.of("attributes.start_time ASC"));
        assertThat(Protos.runIds(byStart.getItems())).containsExactlyElementsOf(
                seeded.stream().filter(s -> s.model().equals("tree")).map(Seeded::runId).toList());

        RunsPage defaultOrder = client.searchRuns(List.of(experimentId), "", ViewType.ACTIVE_ONLY, 100);
        assertThat(Protos.runIds(defaultOrder.getItems())).as("newest start time first by default")
                .containsExactlyElementsOf(seeded.reversed().stream().map(Seeded::runId).toList());
    }

    @Test
    void searchRunsOrderPutsNaNThenMissingValuesLastInBothDirections() {
        String experimentId = client.createExperiment(uniqueName("search-nan-order"));
        Map<String, String> runs = new LinkedHashMap<>();
        String[] names = {"low", "high", "mid", "nan", "missing-older", "missing-newer"};
        double[] accuracies = {0.3, 0.9, 0.6, Double.NaN};
        for (int i = 0; i < names.length; i++) {
            String runId = client.createRun(CreateRun.newBuilder().setExperimentId(experimentId).setRunName(names[i])
                    .setStartTime(1_700_000_000_000L + i).build()).getRunId();
            if (i < accuracies.length) {
                client.logMetric(runId, "accuracy", accuracies[i], 1, 0);
                client.logParam(runId, "model", names[i]);
            }
            runs.put(names[i], runId);
        }

        assertThat(namesInOrder(experimentId, "metrics.accuracy ASC", runs))
                .containsExactly("low", "mid", "high", "nan", "missing-newer", "missing-older");
        assertThat(namesInOrder(experimentId, "metrics.accuracy DESC", runs))
                .containsExactly("high", "mid", "low", "nan", "missing-newer", "missing-older");
        assertThat(namesInOrder(experimentId, "params.model DESC", runs))
                .containsExactly("nan", "mid", "low", "high", "missing-newer", "missing-older");
    }

    private List<String> namesInOrder(String experimentId, String orderBy, Map<String, String> idsByName) {
        Map<String, String> namesById = new LinkedHashMap<>();
        idsByName.forEach((name, id) -> namesById.put(id, name));
        return Protos.runIds(client.searchRuns(List.of(experimentId), "", ViewType.ACTIVE_ONLY, 100, List.of(orderBy))
                .getItems()).stream().map(namesById::get).toList();
    }

    @Test
    void searchRunsWalksPagesWithTokensSeeingEachRunOnce() {
        String experimentId = client.createExperiment(uniqueName("search-pages"));
        List<Seeded> seeded = seedRuns(experimentId);
        List<String> expected = seeded.stream().sorted(Comparator.comparingDouble(Seeded::accuracy)
                .thenComparing(Seeded::name)).map(Seeded::runId).toList();
        List<String> order = List.of("metrics.accuracy ASC", "attributes.run_name ASC");

        List<String> viaTokens = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            RunsPage page = client.searchRuns(List.of(experimentId), "", ViewType.ACTIVE_ONLY, 3, order, token);
            viaTokens.addAll(Protos.runIds(page.getItems()));
            pageSizes.add(page.getPageSize());
            token = page.getNextPageToken().orElse(null);
        } while (token != null);
        assertThat(viaTokens).containsExactlyElementsOf(expected);
        assertThat(pageSizes).containsExactly(3, 3, 2);

        List<String> viaPages = new ArrayList<>();
        Page<Run> page = client.searchRuns(List.of(experimentId), "", ViewType.ACTIVE_ONLY, 5, order);
        page.getItems().forEach(run -> viaPages.add(run.getInfo().getRunId()));
        while (page.hasNextPage()) {
            page = page.getNextPage();
            page.getItems().forEach(run -> viaPages.add(run.getInfo().getRunId()));
        }
        assertThat(viaPages).containsExactlyElementsOf(expected);
    }

    @Test
    void searchRunsAcrossSeveralExperiments() {
        String first = client.createExperiment(uniqueName("multi-a"));
        String second = client.createExperiment(uniqueName("multi-b"));
        String a = client.createRun(first).getRunId();
        String b = client.createRun(second).getRunId();

        assertThat(runIds(client.searchRuns(List.of(first, second), ""))).containsExactlyInAnyOrder(a, b);
        assertThat(runIds(client.searchRuns(List.of(second), ""))).containsExactly(b);
    }

    // ---------------------------------------------------------------- concurrent clients (raw HTTP: no retries)

    @Test
    void concurrentWritersToOneRunAreAllAcknowledgedAndStored() throws Exception {
        String runId = newRun("concurrent-writers");
        Http http = new Http(server.baseUrl());
        int writers = 8;
        int calls = 25;

        List<String> failures = concurrently(writers, writer -> {
            List<String> failed = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                long step = (long) writer * calls + i;
                expectOk(failed, http.postJson(Http.MLFLOW + "runs/log-metric", Http.object().put("run_id", runId)
                        .put("key", "shared").put("value", step * 0.25).put("timestamp", 1000 + step).put("step", step)));
                expectOk(failed, http.postJson(Http.MLFLOW + "runs/set-tag", Http.object().put("run_id", runId)
                        .put("key", "last_writer").put("value", "w" + writer)));
                expectOk(failed, http.postJson(Http.MLFLOW + "runs/log-parameter", Http.object().put("run_id", runId)
                        .put("key", "p_" + step).put("value", Long.toString(step))));
            }
            return failed;
        });

        assertThat(failures).as("requests not acknowledged").isEmpty();
        long lastStep = (long) writers * calls - 1;
        assertThat(client.getMetricHistory(runId, "shared")).extracting(Metric::getStep)
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(0, (int) lastStep).mapToObj(i -> (long) i)
                        .toList());
        Run run = client.getRun(runId);
        assertThat(point(Protos.latestMetrics(run).get("shared"))).isEqualTo(
                new Point("shared", lastStep * 0.25, 1000 + lastStep, lastStep));
        assertThat(Protos.params(run)).hasSize(writers * calls);
        assertThat(Protos.tags(run).get("last_writer")).matches("w[0-7]");
    }

    @Test
    void concurrentCreatesOfOneExperimentNameHaveExactlyOneWinner() throws Exception {
        String name = uniqueName("contended-name");
        Http http = new Http(server.baseUrl());

        List<String> outcomes = concurrently(8, attempt -> {
            Http.Response response = http.postJson(Http.MLFLOW + "experiments/create", Http.object().put("name", name));
            return List.of(response.status() == 200 ? "created " + response.json().path("experiment_id").asText()
                    : response.status() + " " + response.json().path("error_code").asText());
        });

        assertThat(outcomes).filteredOn(o -> o.startsWith("created ")).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.startsWith("created ")).as(outcomes.toString())
                .hasSize(7).allMatch(o -> o.equals("400 RESOURCE_ALREADY_EXISTS"));
        String winner = outcomes.stream().filter(o -> o.startsWith("created ")).findFirst().orElseThrow().substring(8);
        assertThat(client.getExperimentByName(name)).map(Experiment::getExperimentId).contains(winner);
    }

    /** Runs {@code task(0..n-1)} on n threads released together, and collects what they return. */
    private static List<String> concurrently(int n, java.util.function.IntFunction<List<String>> task)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.apply(index);
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<List<String>> future : futures) {
                results.addAll(future.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void expectOk(List<String> failures, Http.Response response) {
        if (response.status() != 200) {
            failures.add(response.toString());
        }
    }

    // ---------------------------------------------------------------- fluent API

    @Test
    void fluentContextLogsThroughAnActiveRun() {
        String name = uniqueName("fluent");
        String experimentId = client.createExperiment(name);
        MlflowContext context = new MlflowContext(client).setExperimentName(name);
        assertThat(context.getExperimentId()).isEqualTo(experimentId);

        ActiveRun run = context.startRun("fluent-run");
        run.logParams(Map.of("alpha", "0.3", "beta", "7"));
        run.logParam("gamma", "x");
        run.logMetrics(Map.of("rmse", 1.25, "mae", 0.5), 4);
        run.logMetric("r2", 0.875);
        run.setTags(Map.of("phase", "eval"));
        run.setTag("owner", "it");
        run.endRun(RunStatus.FINISHED);

        Run stored = client.getRun(run.getId());
        assertThat(stored.getInfo().getRunName()).isEqualTo("fluent-run");
        assertThat(stored.getInfo().getExperimentId()).isEqualTo(experimentId);
        assertThat(stored.getInfo().getStatus()).isEqualTo(RunStatus.FINISHED);
        assertThat(run.getArtifactUri()).isEqualTo(stored.getInfo().getArtifactUri());
        assertThat(Protos.params(stored)).containsEntry("alpha", "0.3").containsEntry("beta", "7")
                .containsEntry("gamma", "x");
        Map<String, Metric> metrics = Protos.latestMetrics(stored);
        assertThat(metrics.get("rmse").getValue()).isCloseTo(1.25, within(0.0));
        assertThat(metrics.get("rmse").getStep()).isEqualTo(4);
        assertThat(metrics.get("mae").getValue()).isEqualTo(0.5);
        assertThat(metrics.get("r2").getValue()).isEqualTo(0.875);
        assertThat(Protos.tags(stored)).containsEntry("phase", "eval").containsEntry("owner", "it")
                .containsEntry("mlflow.user", System.getProperty("user.name"))
                .containsEntry("mlflow.source.type", "LOCAL");
    }

    @Test
    void fluentContextNestsRunsAndEndsThemAutomatically() {
        String experimentId = client.createExperiment(uniqueName("fluent-nested"));
        MlflowContext context = new MlflowContext(client).setExperimentId(experimentId);
        List<String> ids = new ArrayList<>();

        context.withActiveRun("parent", parent -> {
            ids.add(parent.getId());
            ActiveRun child = context.startRun("child", parent.getId());
            ids.add(child.getId());
            child.logMetric("score", 3.5, 2);
            child.endRun(RunStatus.KILLED);
        });

        Run parent = client.getRun(ids.get(0));
        Run child = client.getRun(ids.get(1));
        assertThat(parent.getInfo().getStatus()).isEqualTo(RunStatus.FINISHED);
        assertThat(parent.getInfo().getEndTime()).isPositive();
        assertThat(child.getInfo().getStatus()).isEqualTo(RunStatus.KILLED);
        assertThat(Protos.tags(child)).containsEntry("mlflow.parentRunId", ids.get(0))
                .containsEntry("mlflow.runName", "child");
        assertThat(point(Protos.latestMetrics(child).get("score"))).extracting(Point::value, Point::step)
                .containsExactly(3.5, 2L);
        assertThat(runIds(client.searchRuns(List.of(experimentId), "tags.mlflow.parentRunId = '" + ids.get(0) + "'")))
                .containsExactly(ids.get(1));
    }

    // ---------------------------------------------------------------- helpers

    private String newRun(String purpose) {
        return client.createRun(client.createExperiment(uniqueName(purpose))).getRunId();
    }

    private static void assertRefused(Runnable call, int status, String errorCode) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(MlflowHttpException.class, e -> {
            assertThat(e.getStatusCode()).as(e.getBodyMessage()).isEqualTo(status);
            assertThat(e.getBodyMessage()).contains(errorCode);
        });
    }

    private static String uniqueName(String purpose) {
        return TrackingApi.uniqueName(purpose);
    }

    private static List<String> experimentIds(Page<Experiment> page) {
        List<String> ids = new ArrayList<>();
        page.getItems().forEach(e -> ids.add(e.getExperimentId()));
        return ids;
    }

    private static List<String> runIds(List<RunInfo> infos) {
        return infos.stream().map(RunInfo::getRunId).toList();
    }
}
