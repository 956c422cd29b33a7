package dev.sextant.tracking;

import dev.sextant.tracking.search.ExperimentQuery;
import dev.sextant.tracking.search.RunQuery;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Persistence port for tracking. Implementations commit every change before returning and
 * throw {@link dev.sextant.api.SextantException} with {@code RESOURCE_DOES_NOT_EXIST} or
 * {@code RESOURCE_ALREADY_EXISTS} / {@code INVALID_PARAMETER_VALUE} for the cases named below.
 * Inputs arrive already validated and truncated by {@link TrackingService}.
 */
public interface TrackingStore {

    // ---- experiments

    /**
     * Creates an experiment and returns its id. When {@code artifactLocation} is empty the store
     * sets it to {@code defaultArtifactRoot + "/" + id}. Fails with RESOURCE_ALREADY_EXISTS when
     * an experiment (active or deleted) has the name.
     */
    String createExperiment(String name, String artifactLocation, String defaultArtifactRoot,
                            List<Tag> tags, long now);

    /** Creates experiment "0" named "Default" when no experiment has id 0. */
    void ensureDefaultExperiment(String defaultArtifactRoot, long now);

    Optional<Experiment> getExperiment(String experimentId);

    /** The active experiment with that name, else a deleted one. */
    Optional<Experiment> getExperimentByName(String name);

    /** At most {@code query.limit()} experiments from {@code query.offset()}. */
    List<Experiment> searchExperiments(ExperimentQuery query);

    /** Fails with RESOURCE_ALREADY_EXISTS when another experiment has {@code newName}. */
    void renameExperiment(String experimentId, String newName, long now);

    /** Deleting an experiment also marks its runs deleted; restoring restores them. */
    void setExperimentLifecycle(String experimentId, LifecycleStage stage, long now);

    void setExperimentTag(String experimentId, Tag tag);

    /** Fails with RESOURCE_DOES_NOT_EXIST when the tag is not set. */
    void deleteExperimentTag(String experimentId, String key);

    // ---- runs

    /** Inserts a run with its initial tags. */
    void createRun(RunInfo info, List<Tag> tags);

    Optional<Run> getRun(String runId);

    /** The run's info without its data; cheap, used to check existence and lifecycle. */
    Optional<RunInfo> getRunInfo(String runId);

    void updateRun(String runId, RunStatus status, OptionalLong endTime, String runName);

    void setRunLifecycle(String runId, LifecycleStage stage, long now);

    /**
     * Appends metric points (kept in history and folded into the run's latest values by
     * {@link Metric#supersedes}), params and tags in one transaction. A param already set to a
     * different value fails with INVALID_PARAMETER_VALUE and nothing is written; the same value
     * again is accepted.
     */
    void logBatch(String runId, List<Metric> metrics, List<Param> params, List<Tag> tags);

    /**
     * {@link #logBatch(String, List, List, List)} with the points in compact form, for callers
     * that have them that way (the HTTP log-batch parser); stores override it to avoid an object
     * per point.
     */
    default void logBatch(String runId, MetricBatch metrics, List<Param> params, List<Tag> tags) {
        logBatch(runId, metrics.toList(), params, tags);
    }

    /** Fails with RESOURCE_DOES_NOT_EXIST when the tag is not set. */
    void deleteRunTag(String runId, String key);

    /** Records dataset inputs; a dataset already known by (experiment, name, digest) is reused. */
    void logInputs(String runId, List<DatasetInput> inputs);

    /** History of one metric ordered by step, timestamp, value: {@code limit} points from {@code offset}. */
    List<Metric> metricHistory(String runId, String key, long offset, int limit);

    /** Every point of one metric, in history order, without holding them all in memory. */
    void streamMetricHistory(String runId, String key, Consumer<Metric> sink);

    /** At most {@code query.limit()} runs from {@code query.offset()}. */
    List<Run> searchRuns(RunQuery query);
}
