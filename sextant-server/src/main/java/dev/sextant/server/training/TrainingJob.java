package dev.sextant.server.training;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.server.security.OnBehalf;
import dev.sextant.training.recording.RecordedRun;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One training job's changing state, written by the worker that runs it and read by request
 * threads; every change and every {@link #view} holds the job's lock.
 */
final class TrainingJob {
    private final String id;
    private final TrainingRequest request;
    private final StagedData data;
    private final OnBehalf requester;
    private final long createdTime;

    private JobState state = JobState.QUEUED;
    private String stage = "queued";
    private double progress;
    private OptionalLong startedTime = OptionalLong.empty();
    private OptionalLong finishedTime = OptionalLong.empty();
    private String experimentId = "";
    private String runId = "";
    private Optional<RecordedRun> result = Optional.empty();
    private Optional<JobError> error = Optional.empty();
    private volatile boolean stopping;

    TrainingJob(String id, TrainingRequest request, StagedData data, OnBehalf requester, long createdTime) {
        this.id = id;
        this.request = request;
        this.data = data;
        this.requester = requester;
        this.createdTime = createdTime;
    }

    String id() {
        return id;
    }

    TrainingRequest request() {
        return request;
    }

    StagedData data() {
        return data;
    }

    /** Who asked for the job, under which request: the job's changes are audited as theirs. */
    OnBehalf requester() {
        return requester;
    }

    synchronized void started(long now) {
        state = JobState.RUNNING;
        stage = "starting";
        startedTime = OptionalLong.of(now);
    }

    /**
     * Progress from the trainer. It is also where a job learns that the server is stopping: the
     * trainer has no other way to be interrupted, and a failure here marks the run, if any, failed.
     */
    void progress(String newStage, double fraction) {
        if (stopping) {
            throw new SextantException(ErrorCode.TEMPORARILY_UNAVAILABLE, "The server stopped while this job was "
                    + "running; submit it again.");
        }
        synchronized (this) {
            stage = newStage;
            progress = Math.max(progress, Math.min(1, Math.max(0, fraction)));
        }
    }

    synchronized void runCreated(String experiment, String run) {
        experimentId = experiment;
        runId = run;
    }

    synchronized void succeeded(RecordedRun run, long now) {
        state = JobState.SUCCEEDED;
        stage = "done";
        progress = 1;
        result = Optional.of(run);
        finishedTime = OptionalLong.of(now);
    }

    synchronized void failed(JobError why, long now) {
        state = JobState.FAILED;
        stage = "failed";
        error = Optional.of(why);
        finishedTime = OptionalLong.of(now);
    }

    void stop() {
        stopping = true;
    }

    synchronized boolean finished() {
        return state.finished();
    }

    synchronized JobView view() {
        return new JobView(id, request, state, stage, progress, createdTime, startedTime, finishedTime,
                experimentId, runId, result, error);
    }
}
