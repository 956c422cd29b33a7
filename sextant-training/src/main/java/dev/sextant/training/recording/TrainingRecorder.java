package dev.sextant.training.recording;

import dev.sextant.registry.packaging.PackageFiles;
import dev.sextant.tracking.Dataset;
import dev.sextant.tracking.Tag;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a training run is recorded: a tracking server over MLflow's REST API (the CLI) or the
 * server's own services in process (the native API).
 */
public interface TrainingRecorder {

    /** The id of the experiment with this name, created when missing. */
    String experiment(String name);

    /** Starts a run; returns its id. */
    String createRun(String experimentId, String runName, long startTime, List<Tag> tags);

    void log(String runId, Map<String, String> params, Map<String, Double> metrics, List<Tag> tags, long timestamp);

    /** Records the dataset the run trained on, as a {@code training} input. */
    void logTrainingData(String runId, Dataset dataset);

    /** Stores the package's files as the run's artifacts under {@code model/}. */
    void uploadModel(String runId, PackageFiles files);

    void finish(String runId, boolean succeeded, long endTime);

    /** Registers {@code runs:/<run>/model} as a new version of {@code modelName}; returns the version. */
    String register(String modelName, String runId);

    /** What {@link #register} would need, for a clear error before training starts; empty when ready. */
    default Optional<String> registrationProblem() {
        return Optional.empty();
    }
}
