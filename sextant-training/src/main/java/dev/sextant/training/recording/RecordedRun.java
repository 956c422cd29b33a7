package dev.sextant.training.recording;

import dev.sextant.training.TrainingOutcome;
import java.util.Optional;

/**
 * A recorded training run: the outcome, where it was recorded, the model package's digest and,
 * when registered, the model version.
 */
public record RecordedRun(TrainingOutcome outcome, String experimentId, String runId, String packageDigest,
                          String registeredModel, String version) {

    public Optional<String> modelVersion() {
        return version.isEmpty() ? Optional.empty() : Optional.of(version);
    }
}
