package dev.sextant.server.audit;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Audits the tracking store's state changes: experiments and runs created, renamed, updated,
 * deleted, restored, and their tags. Logged data (metric points, params, run tags set by logging,
 * dataset inputs) is the high-volume ingest of a training job and is not audited call by call.
 */
public final class AuditedTrackingStore implements TrackingStore {
    private final TrackingStore store;
    private final AuditTrail audit;

    public AuditedTrackingStore(TrackingStore store, AuditTrail audit) {
        this.store = store;
        this.audit = audit;
    }

    @Override
    public String createExperiment(String name, String artifactLocation, String defaultArtifactRoot, List<Tag> tags,
                                   long now) {
        String id = store.createExperiment(name, artifactLocation, defaultArtifactRoot, tags, now);
        audit.record("experiment.create", "experiment", id, "", experimentState(id));
        return id;
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
        String before = experimentState(experimentId);
        store.renameExperiment(experimentId, newName, now);
        audit.record("experiment.rename", "experiment", experimentId, before, experimentState(experimentId));
    }

    @Override
    public void setExperimentLifecycle(String experimentId, LifecycleStage stage, long now) {
        String before = experimentState(experimentId);
        store.setExperimentLifecycle(experimentId, stage, now);
        audit.record(stage == LifecycleStage.DELETED ? "experiment.delete" : "experiment.restore", "experiment",
                experimentId, before, experimentState(experimentId));
    }

    @Override
    public void setExperimentTag(String experimentId, Tag tag) {
        String before = experimentState(experimentId);
        store.setExperimentTag(experimentId, tag);
        audit.record("experiment.tag.set", "experiment", experimentId, before, experimentState(experimentId));
    }

    @Override
    public void deleteExperimentTag(String experimentId, String key) {
        String before = experimentState(experimentId);
        store.deleteExperimentTag(experimentId, key);
        audit.record("experiment.tag.delete", "experiment", experimentId, before, experimentState(experimentId));
    }

    @Override
    public void createRun(RunInfo info, List<Tag> tags) {
        store.createRun(info, tags);
        audit.record("run.create", "run", info.runId(), "", runState(info.runId()));
    }

    @Override
    public Optional<Run> getRun(String runId) {
        return store.getRun(runId);
    }

    @Override
    public Optional<RunInfo> getRunInfo(String runId) {
        return store.getRunInfo(runId);
    }

    @Override
    public void updateRun(String runId, RunStatus status, OptionalLong endTime, String runName) {
        String before = runState(runId);
        store.updateRun(runId, status, endTime, runName);
        audit.record("run.update", "run", runId, before, runState(runId));
    }

    @Override
    public void setRunLifecycle(String runId, LifecycleStage stage, long now) {
        String before = runState(runId);
        store.setRunLifecycle(runId, stage, now);
        audit.record(stage == LifecycleStage.DELETED ? "run.delete" : "run.restore", "run", runId, before,
                runState(runId));
    }

    @Override
    public void logBatch(String runId, List<Metric> metrics, List<Param> params, List<Tag> tags) {
        store.logBatch(runId, metrics, params, tags);
    }

    @Override
    public void logBatch(String runId, MetricBatch metrics, List<Param> params, List<Tag> tags) {
        store.logBatch(runId, metrics, params, tags);
    }

    @Override
    public void deleteRunTag(String runId, String key) {
        Optional<String> value = store.getRun(runId).flatMap(run -> run.data().tags().stream()
                .filter(tag -> tag.key().equals(key)).map(Tag::value).findFirst());
        store.deleteRunTag(runId, key);
        audit.record("run.tag.delete", "run", runId,
                AuditTrail.json(Map.of("key", key, "value", value.orElse(""))), "");
    }

    @Override
    public void logInputs(String runId, List<DatasetInput> inputs) {
        store.logInputs(runId, inputs);
    }

    @Override
    public List<Metric> metricHistory(String runId, String key, long offset, int limit) {
        return store.metricHistory(runId, key, offset, limit);
    }

    @Override
    public void streamMetricHistory(String runId, String key, Consumer<Metric> sink) {
        store.streamMetricHistory(runId, key, sink);
    }

    @Override
    public List<Run> searchRuns(RunQuery query) {
        return store.searchRuns(query);
    }

    private String experimentState(String id) {
        return store.getExperiment(id).map(e -> {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("name", e.name());
            state.put("artifact_location", e.artifactLocation());
            state.put("lifecycle_stage", e.lifecycleStage().name().toLowerCase(java.util.Locale.ROOT));
            Map<String, String> tags = new LinkedHashMap<>();
            e.tags().forEach(t -> tags.put(t.key(), t.value()));
            state.put("tags", tags);
            return AuditTrail.json(state);
        }).orElse("");
    }

    private String runState(String runId) {
        return store.getRunInfo(runId).map(info -> {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("experiment_id", info.experimentId());
            state.put("run_name", info.runName());
            state.put("status", info.status().name());
            state.put("lifecycle_stage", info.lifecycleStage().name().toLowerCase(java.util.Locale.ROOT));
            info.endTime().ifPresent(end -> state.put("end_time", end));
            return AuditTrail.json(state);
        }).orElse("");
    }
}
