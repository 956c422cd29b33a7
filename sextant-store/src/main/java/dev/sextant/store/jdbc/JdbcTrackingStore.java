package dev.sextant.store.jdbc;

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
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/** {@link TrackingStore} over Jdbi; each operation is one transaction. */
final class JdbcTrackingStore implements TrackingStore {
    /**
     * Searches that may load their page on several connections at once: each takes five of the
     * pool's connections, and more of them would leave too few for other requests. The others
     * load their page on one connection, one table after the other.
     */
    private final Semaphore concurrentPageLoads = new Semaphore(2);
    private final Transactor tx;
    private final Experiments experiments;
    private final Runs runs;
    private final BatchLogger batches;
    private final Inputs inputs;
    private final MetricHistory history;

    JdbcTrackingStore(Transactor tx) {
        this.tx = tx;
        this.experiments = new Experiments(tx);
        this.runs = new Runs(tx);
        this.batches = new BatchLogger(tx);
        this.inputs = new Inputs(tx);
        this.history = new MetricHistory(tx);
    }

    @Override
    public String createExperiment(String name, String artifactLocation, String defaultArtifactRoot, List<Tag> tags,
                                   long now) {
        return experiments.create(name, artifactLocation, defaultArtifactRoot, tags, now);
    }

    @Override
    public void ensureDefaultExperiment(String defaultArtifactRoot, long now) {
        experiments.ensureDefault(defaultArtifactRoot, now);
    }

    @Override
    public Optional<Experiment> getExperiment(String experimentId) {
        return experiments.get(experimentId);
    }

    @Override
    public Optional<Experiment> getExperimentByName(String name) {
        return experiments.getByName(name);
    }

    @Override
    public List<Experiment> searchExperiments(ExperimentQuery query) {
        Sql sql = ExperimentSearch.pageQuery(query);
        return tx.read(handle -> Experiments.withTags(handle,
                sql.query(handle).map((rs, ctx) -> Experiments.Row.of(rs)).list()));
    }

    @Override
    public void renameExperiment(String experimentId, String newName, long now) {
        experiments.rename(experimentId, newName, now);
    }

    @Override
    public void setExperimentLifecycle(String experimentId, LifecycleStage stage, long now) {
        experiments.setLifecycle(experimentId, stage, now);
    }

    @Override
    public void setExperimentTag(String experimentId, Tag tag) {
        experiments.setTag(experimentId, tag);
    }

    @Override
    public void deleteExperimentTag(String experimentId, String key) {
        experiments.deleteTag(experimentId, key);
    }

    @Override
    public void createRun(RunInfo info, List<Tag> tags) {
        runs.create(info, tags);
    }

    @Override
    public Optional<Run> getRun(String runId) {
        return tx.read(handle -> RunLoader.load(handle, List.of(runId)).stream().findFirst());
    }

    @Override
    public Optional<RunInfo> getRunInfo(String runId) {
        return runs.getInfo(runId);
    }

    @Override
    public void updateRun(String runId, RunStatus status, OptionalLong endTime, String runName) {
        runs.update(runId, status, endTime, runName);
    }

    @Override
    public void setRunLifecycle(String runId, LifecycleStage stage, long now) {
        runs.setLifecycle(runId, stage, now);
    }

    @Override
    public void logBatch(String runId, List<Metric> metrics, List<Param> params, List<Tag> tags) {
        batches.log(runId, MetricBatch.of(metrics), params, tags);
    }

    @Override
    public void logBatch(String runId, MetricBatch metrics, List<Param> params, List<Tag> tags) {
        batches.log(runId, metrics, params, tags);
    }

    @Override
    public void deleteRunTag(String runId, String key) {
        runs.deleteTag(runId, key);
    }

    @Override
    public void logInputs(String runId, List<DatasetInput> datasetInputs) {
        inputs.log(runId, datasetInputs);
    }

    @Override
    public List<Metric> metricHistory(String runId, String key, long offset, int limit) {
        return history.page(runId, key, offset, limit);
    }

    @Override
    public void streamMetricHistory(String runId, String key, Consumer<Metric> sink) {
        history.stream(runId, key, sink);
    }

    @Override
    public List<Run> searchRuns(RunQuery query) {
        List<String> page = tx.read(handle -> RunSearch.pageIds(handle, tx.dialect(), query));
        if (!concurrentPageLoads.tryAcquire()) {
            return tx.read(handle -> RunLoader.load(handle, page));
        }
        try {
            return RunLoader.loadConcurrently(tx, page);
        } finally {
            concurrentPageLoads.release();
        }
    }
}
