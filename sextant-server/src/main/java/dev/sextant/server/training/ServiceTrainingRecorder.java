package dev.sextant.server.training;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.registry.NewVersionRequest;
import dev.sextant.registry.RegistryService;
import dev.sextant.registry.packaging.PackageFiles;
import dev.sextant.server.artifacts.ArtifactPaths;
import dev.sextant.server.security.AccessControl;
import dev.sextant.tracking.Dataset;
import dev.sextant.tracking.DatasetInput;
import dev.sextant.tracking.Metric;
import dev.sextant.tracking.NewRun;
import dev.sextant.tracking.Param;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.RunStatus;
import dev.sextant.tracking.RunUpdate;
import dev.sextant.tracking.Tag;
import dev.sextant.tracking.TrackingService;
import dev.sextant.training.recording.TrainingRecorder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiConsumer;

/**
 * Records training runs in process, through the same services the HTTP APIs use: the tracking
 * service, the artifact store (the package under the run's {@code model/} artifact path, as the
 * REST recorder uploads it) and the registry (which reads and digests the package it registers).
 */
final class ServiceTrainingRecorder implements TrainingRecorder {
    static final String MODEL_PATH = "model";
    private static final Tag TRAINING_CONTEXT = new Tag("mlflow.data.context", "training");

    private final TrackingService tracking;
    private final ArtifactStore artifacts;
    private final RegistryService registry;
    private final BiConsumer<String, String> runCreated;

    /** @param runCreated told the experiment and run ids as soon as the run exists */
    ServiceTrainingRecorder(TrackingService tracking, ArtifactStore artifacts, RegistryService registry,
                            BiConsumer<String, String> runCreated) {
        this.tracking = tracking;
        this.artifacts = artifacts;
        this.registry = registry;
        this.runCreated = runCreated;
    }

    @Override
    public String experiment(String name) {
        Optional<String> existing = experimentId(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            return tracking.createExperiment(name, "", List.of());
        } catch (SextantException e) {
            // Another job or client created it in between.
            if (e.code() == ErrorCode.RESOURCE_ALREADY_EXISTS) {
                return tracking.getExperimentByName(name).experimentId();
            }
            throw e;
        }
    }

    @Override
    public String createRun(String experimentId, String runName, long startTime, List<Tag> tags) {
        // Jobs run as the user who asked for them (see TrainingJobs), so the run is theirs too.
        String user = AccessControl.currentPrincipal().name();
        String runId = tracking.createRun(new NewRun(experimentId, user, runName, OptionalLong.of(startTime), tags))
                .info().runId();
        runCreated.accept(experimentId, runId);
        return runId;
    }

    @Override
    public void log(String runId, Map<String, String> params, Map<String, Double> metrics, List<Tag> tags,
                    long timestamp) {
        List<Metric> metricList = metrics.entrySet().stream()
                .map(m -> new Metric(m.getKey(), m.getValue(), timestamp, 0)).toList();
        List<Param> paramList = params.entrySet().stream().map(p -> new Param(p.getKey(), p.getValue())).toList();
        tracking.logBatch(runId, metricList, paramList, tags);
    }

    @Override
    public void logTrainingData(String runId, Dataset dataset) {
        tracking.logInputs(runId, List.of(new DatasetInput(List.of(TRAINING_CONTEXT), dataset)));
    }

    /** Writes every file, then reads the package back from the store: what was stored is what was trained. */
    @Override
    public void uploadModel(String runId, PackageFiles files) {
        RunInfo run = tracking.getRunInfo(runId);
        String root = ArtifactPaths.proxiedRoot(run.artifactUri()).orElseThrow(() -> SextantException.invalid(
                "Run " + runId + " keeps its artifacts at " + run.artifactUri() + ", which this server does not "
                        + "store, so the model cannot be saved with it. Train into an experiment whose artifacts "
                        + "this server keeps (mlflow-artifacts:)."));
        files.writeTo(artifacts, ArtifactPaths.join(root, MODEL_PATH));
    }

    @Override
    public void finish(String runId, boolean succeeded, long endTime) {
        tracking.updateRun(new RunUpdate(runId, Optional.of(succeeded ? RunStatus.FINISHED : RunStatus.FAILED),
                OptionalLong.of(endTime), Optional.empty()));
    }

    @Override
    public String register(String modelName, String runId) {
        try {
            registry.createRegisteredModel(modelName, "", List.of());
        } catch (SextantException e) {
            if (e.code() != ErrorCode.RESOURCE_ALREADY_EXISTS) {
                throw e;
            }
        }
        return String.valueOf(registry.createModelVersion(new NewVersionRequest(modelName,
                "runs:/" + runId + "/" + MODEL_PATH, runId, "", "", List.of())).version());
    }

    private Optional<String> experimentId(String name) {
        try {
            return Optional.of(tracking.getExperimentByName(name).experimentId());
        } catch (SextantException e) {
            if (e.code() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
