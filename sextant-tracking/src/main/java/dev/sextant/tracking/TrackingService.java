package dev.sextant.tracking;

import dev.sextant.api.SextantException;
import dev.sextant.tracking.search.ExperimentQuery;
import dev.sextant.tracking.search.PageToken;
import dev.sextant.tracking.search.RunQuery;
import dev.sextant.tracking.search.SearchParser;
import dev.sextant.tracking.search.SearchParser.Target;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Experiment tracking with MLflow's semantics: validates and normalises what clients send, then
 * hands it to the {@link TrackingStore}. Every API (MLflow-compatible, native, CLI) goes through
 * this class, so the rules live in one place.
 */
public final class TrackingService {
    /** The tag MLflow keeps in step with a run's name. */
    public static final String RUN_NAME_TAG = "mlflow.runName";
    /** The tag MLflow clients set to the user who started a run. */
    public static final String USER_TAG = "mlflow.user";
    /** MLflow's default page size for run and experiment search. */
    public static final int DEFAULT_SEARCH_RESULTS = 1000;

    private final TrackingStore store;
    private final Clock clock;
    private final RandomGenerator random;
    private final String defaultArtifactRoot;

    /**
     * @param defaultArtifactRoot where experiments without an explicit location keep artifacts,
     *     e.g. {@code mlflow-artifacts:} (served by the artifact proxy)
     */
    public TrackingService(TrackingStore store, Clock clock, RandomGenerator random, String defaultArtifactRoot) {
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.defaultArtifactRoot = defaultArtifactRoot;
        store.ensureDefaultExperiment(defaultArtifactRoot, clock.millis());
    }

    // ---- experiments

    public String createExperiment(String name, String artifactLocation, List<Tag> tags) {
        requireExperimentName(name);
        tags.forEach(this::validateExperimentTag);
        return store.createExperiment(name, artifactLocation, defaultArtifactRoot, tags, clock.millis());
    }

    public Experiment getExperiment(String experimentId) {
        if (experimentId.isEmpty()) {
            throw SextantException.missingParameter("experiment_id");
        }
        return store.getExperiment(experimentId)
                .orElseThrow(() -> SextantException.notFound("No Experiment with id=" + experimentId + " exists"));
    }

    public Experiment getExperimentByName(String name) {
        if (name.isEmpty()) {
            throw SextantException.missingParameter("experiment_name");
        }
        return store.getExperimentByName(name)
                .orElseThrow(() -> SextantException.notFound("Could not find experiment with name '" + name + "'"));
    }

    public Page<Experiment> searchExperiments(ExperimentSearch search) {
        int limit = TrackingLimits.maxResults(search.maxResults().orElse(DEFAULT_SEARCH_RESULTS));
        long offset = PageToken.decode(search.pageToken());
        ExperimentQuery query = new ExperimentQuery(
                SearchParser.parseFilter(Target.EXPERIMENTS, search.filter()),
                SearchParser.parseOrderBy(Target.EXPERIMENTS, search.orderBy()),
                search.viewType(), offset, limit + 1);
        return page(store.searchExperiments(query), offset, limit);
    }

    public void renameExperiment(String experimentId, String newName) {
        requireExperimentName(newName);
        Experiment experiment = getExperiment(experimentId);
        if (experiment.lifecycleStage() != LifecycleStage.ACTIVE) {
            throw SextantException.invalid("Cannot rename a non-active experiment. Restore experiment "
                    + experimentId + " first.");
        }
        store.renameExperiment(experimentId, newName, clock.millis());
    }

    public void deleteExperiment(String experimentId) {
        Experiment experiment = getExperiment(experimentId);
        if (experimentId.equals("0")) {
            throw SextantException.invalid("Cannot delete the default experiment '0'. This is an internally "
                    + "reserved experiment.");
        }
        if (experiment.lifecycleStage() == LifecycleStage.ACTIVE) {
            store.setExperimentLifecycle(experimentId, LifecycleStage.DELETED, clock.millis());
        }
    }

    public void restoreExperiment(String experimentId) {
        Experiment experiment = getExperiment(experimentId);
        if (experiment.lifecycleStage() != LifecycleStage.DELETED) {
            throw SextantException.invalid("Cannot restore an experiment that is not deleted. Experiment "
                    + experimentId + " is active.");
        }
        store.setExperimentLifecycle(experimentId, LifecycleStage.ACTIVE, clock.millis());
    }

    public void setExperimentTag(String experimentId, Tag tag) {
        validateExperimentTag(tag);
        requireActive(getExperiment(experimentId));
        store.setExperimentTag(experimentId, tag);
    }

    public void deleteExperimentTag(String experimentId, String key) {
        requireActive(getExperiment(experimentId));
        store.deleteExperimentTag(experimentId, key);
    }

    // ---- runs

    public Run createRun(NewRun request) {
        String experimentId = request.experimentId().isEmpty() ? "0" : request.experimentId();
        TrackingLimits.experimentId(experimentId);
        Experiment experiment = getExperiment(experimentId);
        requireActive(experiment);
        List<Tag> tags = new ArrayList<>();
        for (Tag tag : request.tags()) {
            tags.add(runTag(tag));
        }
        String runName = resolveRunName(request.runName(), tags);
        String runId = newRunId();
        String userId = request.userId().isEmpty()
                ? tags.stream().filter(t -> t.key().equals(USER_TAG)).map(Tag::value).findFirst().orElse("")
                : request.userId();
        RunInfo info = new RunInfo(runId, runName, experimentId, userId, RunStatus.RUNNING,
                request.startTime().orElse(clock.millis()), OptionalLong.empty(),
                experiment.artifactLocation() + "/" + runId + "/artifacts", LifecycleStage.ACTIVE);
        store.createRun(info, dedupeTags(tags));
        return getRun(runId);
    }

    public Run getRun(String runId) {
        TrackingLimits.runId(runId);
        return store.getRun(runId).orElseThrow(() -> runNotFound(runId));
    }

    public RunInfo getRunInfo(String runId) {
        TrackingLimits.runId(runId);
        return store.getRunInfo(runId).orElseThrow(() -> runNotFound(runId));
    }

    public RunInfo updateRun(RunUpdate update) {
        RunInfo info = activeRun(update.runId());
        RunStatus status = update.status().orElse(info.status());
        OptionalLong endTime = update.endTime().isPresent() ? update.endTime() : info.endTime();
        String runName = update.runName().filter(name -> !name.isEmpty()).orElse(info.runName());
        store.updateRun(info.runId(), status, endTime, runName);
        if (!runName.equals(info.runName())) {
            store.logBatch(info.runId(), List.of(), List.of(), List.of(new Tag(RUN_NAME_TAG, runName)));
        }
        return getRunInfo(info.runId());
    }

    public void deleteRun(String runId) {
        getRunInfo(runId);
        store.setRunLifecycle(runId, LifecycleStage.DELETED, clock.millis());
    }

    public void restoreRun(String runId) {
        getRunInfo(runId);
        store.setRunLifecycle(runId, LifecycleStage.ACTIVE, clock.millis());
    }

    public void logMetric(String runId, Metric metric) {
        logBatch(runId, List.of(metric), List.of(), List.of());
    }

    public void logParam(String runId, Param param) {
        logBatch(runId, List.of(), List.of(param), List.of());
    }

    public void setTag(String runId, Tag tag) {
        logBatch(runId, List.of(), List.of(), List.of(tag));
    }

    public void deleteTag(String runId, String key) {
        activeRun(runId);
        store.deleteRunTag(runId, key);
    }

    /** Logs metrics, params and tags after checking MLflow's batch limits (see {@link TrackingStore#logBatch}). */
    public void logBatch(String runId, List<Metric> metrics, List<Param> params, List<Tag> tags) {
        logBatch(runId, MetricBatch.of(metrics), params, tags);
    }

    /** {@link #logBatch(String, List, List, List)} with the points in compact form. */
    public void logBatch(String runId, MetricBatch metrics, List<Param> params, List<Tag> tags) {
        checkBatchLimits(metrics.size(), params.size(), tags.size());
        List<Param> cleanParams = validateParams(params);
        List<Tag> cleanTags = new ArrayList<>(tags.size());
        for (Tag tag : tags) {
            cleanTags.add(runTag(tag));
        }
        validateMetrics(metrics);
        RunInfo info = activeRun(runId);
        store.logBatch(runId, metrics, cleanParams, cleanTags);
        renameIfTagged(info, cleanTags);
    }

    public void logInputs(String runId, List<DatasetInput> inputs) {
        if (inputs.size() > TrackingLimits.MAX_DATASETS_PER_BATCH) {
            throw SextantException.invalid("A request can contain at most " + TrackingLimits.MAX_DATASETS_PER_BATCH
                    + " dataset inputs. Got " + inputs.size() + " dataset inputs.");
        }
        inputs.forEach(TrackingService::validateInput);
        activeRun(runId);
        store.logInputs(runId, inputs);
    }

    /** One page of a metric's history; {@code maxResults} bounds the page. */
    public Page<Metric> metricHistory(String runId, String key, String pageToken, int maxResults) {
        requireMetricKey(key);
        getRunInfo(runId);
        long offset = PageToken.decode(pageToken);
        if (maxResults <= 0) {
            throw SextantException.invalid("Invalid value " + maxResults
                    + " for parameter 'max_results' supplied. It must be a positive number.");
        }
        return page(store.metricHistory(runId, key, offset, maxResults + 1), offset, maxResults);
    }

    /** The whole history of a metric, streamed point by point. */
    public void streamMetricHistory(String runId, String key, Consumer<Metric> sink) {
        requireMetricKey(key);
        getRunInfo(runId);
        store.streamMetricHistory(runId, key, sink);
    }

    public Page<Run> searchRuns(RunSearch search) {
        int limit = TrackingLimits.maxResults(search.maxResults().orElse(DEFAULT_SEARCH_RESULTS));
        long offset = PageToken.decode(search.pageToken());
        search.experimentIds().forEach(TrackingLimits::experimentId);
        RunQuery query = new RunQuery(search.experimentIds(),
                SearchParser.parseFilter(Target.RUNS, search.filter()),
                SearchParser.parseOrderBy(Target.RUNS, search.orderBy()),
                search.viewType(), offset, limit + 1);
        return page(store.searchRuns(query), offset, limit);
    }

    // ---- rules

    private static <T> Page<T> page(List<T> fetched, long offset, int limit) {
        if (fetched.size() > limit) {
            return new Page<>(fetched.subList(0, limit), Optional.of(PageToken.encode(offset + limit)));
        }
        return new Page<>(fetched, Optional.empty());
    }

    private String newRunId() {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString().replace("-", "");
    }

    private String resolveRunName(String requested, List<Tag> tags) {
        Optional<String> tagged = tags.stream().filter(t -> t.key().equals(RUN_NAME_TAG)).map(Tag::value).findFirst();
        if (!requested.isEmpty() && tagged.isPresent() && !tagged.get().equals(requested)) {
            throw SextantException.invalid("Both 'run_name' argument and 'mlflow.runName' tag are specified, but "
                    + "with different values (run_name='" + requested + "', mlflow.runName='" + tagged.get() + "').");
        }
        String name = !requested.isEmpty() ? requested : tagged.orElseGet(() -> RunNames.generate(random));
        if (tagged.isEmpty()) {
            tags.add(new Tag(RUN_NAME_TAG, name));
        }
        return name;
    }

    private static List<Tag> dedupeTags(List<Tag> tags) {
        Map<String, Tag> byKey = new java.util.LinkedHashMap<>();
        tags.forEach(tag -> byKey.put(tag.key(), tag));
        return List.copyOf(byKey.values());
    }

    private void renameIfTagged(RunInfo info, List<Tag> tags) {
        for (int i = tags.size() - 1; i >= 0; i--) {
            Tag tag = tags.get(i);
            if (tag.key().equals(RUN_NAME_TAG)) {
                if (!tag.value().equals(info.runName())) {
                    store.updateRun(info.runId(), info.status(), info.endTime(), tag.value());
                }
                return;
            }
        }
    }

    private static void checkBatchLimits(int metrics, int params, int tags) {
        if (metrics > TrackingLimits.MAX_METRICS_PER_BATCH) {
            throw batchLimit(TrackingLimits.MAX_METRICS_PER_BATCH, "metrics", metrics);
        }
        if (params > TrackingLimits.MAX_PARAMS_TAGS_PER_BATCH) {
            throw batchLimit(TrackingLimits.MAX_PARAMS_TAGS_PER_BATCH, "params", params);
        }
        if (tags > TrackingLimits.MAX_PARAMS_TAGS_PER_BATCH) {
            throw batchLimit(TrackingLimits.MAX_PARAMS_TAGS_PER_BATCH, "tags", tags);
        }
        int total = metrics + params + tags;
        if (total > TrackingLimits.MAX_ENTITIES_PER_BATCH) {
            throw SextantException.invalid("A batch logging request can contain at most "
                    + TrackingLimits.MAX_ENTITIES_PER_BATCH + " total metrics, params, and tags. Got " + total
                    + " total metrics, params, and tags. Please split up metrics, params, and tags across multiple "
                    + "requests and try again.");
        }
    }

    private static SextantException batchLimit(int limit, String what, int got) {
        return SextantException.invalid("A batch logging request can contain at most " + limit + " " + what
                + ". Got " + got + " " + what + ". Please split up " + what
                + " across multiple requests and try again.");
    }

    // In point order, so that the first bad point is the one reported; each key is checked once.
    private static void validateMetrics(MetricBatch metrics) {
        boolean[] checked = new boolean[metrics.keyCount()];
        for (int i = 0; i < metrics.size(); i++) {
            int key = metrics.keyIndex(i);
            if (!checked[key]) {
                TrackingLimits.entityName("metric", metrics.distinctKey(key));
                checked[key] = true;
            }
            TrackingLimits.timestamp(metrics.timestamp(i));
        }
    }

    private static List<Param> validateParams(List<Param> params) {
        Map<String, String> seen = new HashMap<>();
        List<Param> clean = new ArrayList<>(params.size());
        for (Param param : params) {
            TrackingLimits.entityName("param", param.key());
            String value = TrackingLimits.truncate(param.value(), TrackingLimits.MAX_PARAM_VALUE_LENGTH);
            String earlier = seen.putIfAbsent(param.key(), value);
            if (earlier != null && !earlier.equals(value)) {
                throw SextantException.invalid("Duplicate parameter keys have been submitted: ['" + param.key()
                        + "']. Please ensure the request contains only one param value per param key.");
            }
            if (earlier == null) {
                clean.add(new Param(param.key(), value));
            }
        }
        return clean;
    }

    private static Tag runTag(Tag tag) {
        TrackingLimits.entityName("tag", tag.key());
        return new Tag(tag.key(), TrackingLimits.truncate(tag.value(), TrackingLimits.MAX_RUN_TAG_VALUE_LENGTH));
    }

    private void validateExperimentTag(Tag tag) {
        TrackingLimits.entityName("tag", tag.key());
        TrackingLimits.length("Tag value", tag.value(), TrackingLimits.MAX_EXPERIMENT_TAG_VALUE_LENGTH);
    }

    private static void validateInput(DatasetInput input) {
        Dataset dataset = input.dataset();
        if (dataset.name().isEmpty()) {
            throw SextantException.missingParameter("dataset.name");
        }
        if (dataset.digest().isEmpty()) {
            throw SextantException.missingParameter("dataset.digest");
        }
        TrackingLimits.length("Dataset name", dataset.name(), TrackingLimits.MAX_DATASET_NAME_LENGTH);
        TrackingLimits.length("Dataset digest", dataset.digest(), TrackingLimits.MAX_DATASET_DIGEST_LENGTH);
        TrackingLimits.length("Dataset source", dataset.source(), TrackingLimits.MAX_DATASET_SOURCE_LENGTH);
        TrackingLimits.length("Dataset schema", dataset.schema(), TrackingLimits.MAX_DATASET_SCHEMA_LENGTH);
        TrackingLimits.length("Dataset profile", dataset.profile(), TrackingLimits.MAX_DATASET_PROFILE_LENGTH);
        for (Tag tag : input.tags()) {
            TrackingLimits.length("Input tag key", tag.key(), TrackingLimits.MAX_INPUT_TAG_KEY_LENGTH);
            TrackingLimits.length("Input tag value", tag.value(), TrackingLimits.MAX_INPUT_TAG_VALUE_LENGTH);
        }
    }

    /** Refuses an experiment name {@link #createExperiment} would refuse: for a clear error before long work. */
    public static void checkExperimentName(String name) {
        requireExperimentName(name);
    }

    /** Refuses tags {@link #createRun} would refuse: for a clear error before long work that ends in a run. */
    public static void checkRunTags(List<Tag> tags) {
        tags.forEach(TrackingService::runTag);
    }

    private static void requireExperimentName(String name) {
        if (name.isEmpty()) {
            throw SextantException.missingParameter("name");
        }
        TrackingLimits.length("Experiment name", name, TrackingLimits.MAX_EXPERIMENT_NAME_LENGTH);
    }

    private static void requireMetricKey(String key) {
        if (key.isEmpty()) {
            throw SextantException.missingParameter("metric_key");
        }
    }

    private static void requireActive(Experiment experiment) {
        if (experiment.lifecycleStage() != LifecycleStage.ACTIVE) {
            throw SextantException.invalid("The experiment " + experiment.experimentId()
                    + " must be in the 'active' state. Current state is deleted.");
        }
    }

    private RunInfo activeRun(String runId) {
        RunInfo info = getRunInfo(runId);
        if (info.lifecycleStage() != LifecycleStage.ACTIVE) {
            throw SextantException.invalid("The run " + runId
                    + " must be in the 'active' state. Current state is deleted. Restore the run first.");
        }
        return info;
    }

    private static SextantException runNotFound(String runId) {
        return SextantException.notFound("Run with id=" + runId + " not found");
    }
}
