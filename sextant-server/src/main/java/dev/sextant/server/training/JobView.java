package dev.sextant.server.training;

import dev.sextant.training.recording.RecordedRun;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A training job as it stands at one moment.
 *
 * @param stage what the job is doing, e.g. "training random-forest"
 * @param progress the fraction of the whole job done, 0 to 1
 * @param experimentId the experiment of the job's run, empty until the run is created
 * @param runId the run the job records, empty until it is created (after training)
 * @param result what was trained and recorded, once the job succeeded
 */
record JobView(String id, TrainingRequest request, JobState state, String stage, double progress,
               long createdTime, OptionalLong startedTime, OptionalLong finishedTime, String experimentId,
               String runId, Optional<RecordedRun> result, Optional<JobError> error) {
}
