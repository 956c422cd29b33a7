package dev.sextant.store.jdbc;

import dev.sextant.api.SextantException;
import dev.sextant.tracking.DatasetInput;
import dev.sextant.tracking.Experiment;
import dev.sextant.tracking.LifecycleStage;
import dev.sextant.tracking.Metric;
import dev.sextant.tracking.MetricBatch;
import dev.sextant.tracking.Param;
import dev.sextant.tracking.Run;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.RunStatus;
import dev.sextant.tracking.Tag;
import dev.sextant.tracking.TrackingStore;
import dev.sextant.tracking.search.ExperimentQuery;
import dev.sextant.tracking.search.RunQuery;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The tracking store of the embedded database: metric points go through the {@link MetricApplier}
 * (acknowledged once in the metric log, applied in large transactions), everything else straight
 * to the {@link JdbcTrackingStore}. Reads that can see metrics first wait until the points logged
 * before them are applied, so a client always reads what it logged.
 *
 * <p>In a log-batch, params and tags are committed first (a changed param fails the request with
 * nothing written, as before), then the points are logged. A failure in between leaves the params
 * and tags without the points; MLflow documents that partial writes are possible on failure.
 */
final class MetricLogTrackingStore implements TrackingStore {
    /** The width of metric_key: a longer key is refused before it is logged, as the database would refuse it. */
    private static final int MAX_KEY_LENGTH = 250;

    private final JdbcTrackingStore store;
    private final MetricApplier applier;
    private final RunInfoCache runInfos = new RunInfoCache();

    MetricLogTrackingStore(JdbcTrackingStore store, MetricApplier applier) {
        this.store = store;
        this.applier = applier;
    }

    @Override
    public void logBatch(String runId, List<Metric> metrics, List<Param> params, List<Tag> tags) {
        logBatch(runId, MetricBatch.of(metrics), params, tags);
    }

    @Override
    public void logBatch(String runId, MetricBatch metrics, List<Param> params, List<Tag> tags) {
        for (int k = 0; k < metrics.keyCount(); k++) {
            if (metrics.distinctKey(k).length() > MAX_KEY_LENGTH) {
                throw SextantException.invalid("A value is longer than the metadata store accepts for its field.");
            }
        }
        if (!params.isEmpty() || !tags.isEmpty() || metrics.isEmpty()) {
            store.logBatch(runId, MetricBatch.empty(), params, tags);
            if (!tags.isEmpty()) {
                runInfos.changed(runId); // mlflow.runName renames the run
            }
        } else if (getRunInfo(runId).isEmpty()) {
            throw Runs.notFound(runId);
        }
        if (!metrics.isEmpty()) {
            applier.submit(runId, metrics);
        }
    }

    @Override
    public Optional<Run> getRun(String runId) {
        applier.awaitRun(runId);
        return store.getRun(runId);
    }

    @Override
    public List<Metric> metricHistory(String runId, String key, long offset, int limit) {
        applier.awaitRun(runId);
        return store.metricHistory(runId, key, offset, limit);
    }

    @Override
    public void streamMetricHistory(String runId, String key, Consumer<Metric> sink) {
        applier.awaitRun(runId);
        store.streamMetricHistory(runId, key, sink);
    }

    @Override
    public List<Run> searchRuns(RunQuery query) {
        applier.awaitAll();
        return store.searchRuns(query);
    }

    @Override
    public Optional<RunInfo> getRunInfo(String runId) {
        return runInfos.get(runId, () -> store.getRunInfo(runId));
    }

    @Override
    public void updateRun(String runId, RunStatus status, OptionalLong endTime, String runName) {
        try {
            store.updateRun(runId, status, endTime, runName);
        } finally {
            runInfos.changed(runId);
        }
    }

    @Override
    public void setRunLifecycle(String runId, LifecycleStage stage, long now) {
        try {
            store.setRunLifecycle(runId, stage, now);
        } finally {
            runInfos.changed(runId);
        }
    }

    @Override
    public void setExperimentLifecycle(String experimentId, LifecycleStage stage, long now) {
        try {
            store.setExperimentLifecycle(experimentId, stage, now);
        } finally {
            runInfos.changedAll(); // the experiment's runs follow it
        }
    }

    // ---- everything else goes straight to the database

    @Override
    public String createExperiment(String name, String artifactLocation, String defaultArtifactRoot, List<Tag> tags,
                                   long now) {
        return store.createExperiment(name, artifactLocation, defaultArtifactRoot, tags, now);
    }

    @Override
    public void ensureDefaultExperiment(String defaultArtifactRoot, long now) {
        store.ensureDefaultExperiment(defaultArtifactRoot, now);
    }

    @Override
    public Optional<Experiment> getExperiment(String experimentId) {
        return store.getExperiment(experimentId);
    }

    @Override
    public Optional<Experiment> getExperimentByName(String name) {
        return store.getExperimentByName(name);
    }

    @Override
    public List<Experiment> searchExperiments(ExperimentQuery query) {
        return store.searchExperiments(query);
    }

    @Override
    public void renameExperiment(String experimentId, String newName, long now) {
        store.renameExperiment(experimentId, newName, now);
    }

    @Override
    public void setExperimentTag(String experimentId, Tag tag) {
        store.setExperimentTag(experimentId, tag);
    }

    @Override
    public void deleteExperimentTag(String experimentId, String key) {
        store.deleteExperimentTag(experimentId, key);
    }

    @Override
    public void createRun(RunInfo info, List<Tag> tags) {
        store.createRun(info, tags);
    }

    @Override
    public void deleteRunTag(String runId, String key) {
        store.deleteRunTag(runId, key);
    }

    @Override
    public void logInputs(String runId, List<DatasetInput> inputs) {
        store.logInputs(runId, inputs);
    }
}
