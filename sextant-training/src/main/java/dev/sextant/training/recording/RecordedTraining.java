package dev.sextant.training.recording;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sextant.data.read.Dataset;
import dev.sextant.registry.packaging.PackageFiles;
import dev.sextant.tracking.Tag;
import dev.sextant.training.TabularTrainer;
import dev.sextant.training.TrainingOptions;
import dev.sextant.training.TrainingOutcome;
import dev.sextant.training.TrainingProgress;
import dev.sextant.training.features.ColumnDecision;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains, then records the run through a {@link TrainingRecorder}: params, holdout metrics, the
 * dataset with its digest, provenance tags, the model package under {@code model/}, and the
 * registration when asked. Training problems fail before anything is recorded.
 */
public final class RecordedTraining {
    static final String ARTIFACT_PATH = "model";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrainingRecorder recorder;
    private final Clock clock;
    private final TabularTrainer trainer = new TabularTrainer();

    public RecordedTraining(TrainingRecorder recorder, Clock clock) {
        this.recorder = recorder;
        this.clock = clock;
    }

    /**
     * @param registerAs registered model name; empty to skip registration
     * @param provenance tags saying where the run came from (git, environment, user)
     */
    public RecordedRun run(Dataset dataset, TrainingOptions options, String experiment, String registerAs,
                           List<Tag> provenance, TrainingProgress progress) {
        return run(dataset, DatasetSource.localFile(dataset.source().toString()), options, experiment, registerAs,
                provenance, progress);
    }

    /**
     * As {@link #run(Dataset, TrainingOptions, String, String, List, TrainingProgress)}, recording
     * {@code source} as where the data came from (e.g. a run's artifact copied to a local file).
     */
    public RecordedRun run(Dataset dataset, DatasetSource source, TrainingOptions options, String experiment,
                           String registerAs, List<Tag> provenance, TrainingProgress progress) {
        if (!registerAs.isBlank()) {
            recorder.registrationProblem().ifPresent(problem -> {
                throw dev.sextant.api.SextantException.invalid(problem);
            });
        }
        long start = clock.millis();
        TrainingOutcome outcome = trainer.train(dataset, options, (stage, fraction) ->
                progress.update(stage, 0.85 * fraction));
        progress.update("recording the run", 0.9);
        String experimentId = recorder.experiment(experiment);
        String runId = recorder.createRun(experimentId, outcome.algorithm().wireName() + "-" + options.target(),
                start, provenance);
        boolean succeeded = false;
        try {
            recorder.log(runId, outcome.params(), outcome.metrics(), runTags(outcome), clock.millis());
            recorder.logTrainingData(runId, trackedDataset(outcome.dataset(), source));
            progress.update("uploading the model", 0.93);
            PackageFiles files = outcome.modelPackage(clock.instant(), runId);
            recorder.uploadModel(runId, files);
            String version = "";
            if (!registerAs.isBlank()) {
                progress.update("registering " + registerAs, 0.97);
                version = recorder.register(registerAs, runId);
            }
            succeeded = true;
            progress.update("done", 1.0);
            return new RecordedRun(outcome, experimentId, runId, files.manifest().digest(), registerAs, version);
        } finally {
            recorder.finish(runId, succeeded, clock.millis());
        }
    }

    private static List<Tag> runTags(TrainingOutcome outcome) {
        List<Tag> tags = new ArrayList<>();
        tags.add(new Tag("sextant.training.task_reason", outcome.taskReason()));
        if (!outcome.metricsAveraging().isEmpty()) {
            tags.add(new Tag("sextant.training.metrics_averaging", outcome.metricsAveraging()));
        }
        tags.add(new Tag("sextant.dataset.sha256", outcome.dataset().sha256()));
        ArrayNode columns = JSON.createArrayNode();
        for (ColumnDecision decision : outcome.columns()) {
            columns.addObject().put("column", decision.column()).put("action", decision.action().label())
                    .put("reason", decision.reason()).put("features", decision.features());
        }
        tags.add(new Tag("sextant.training.columns", columns.toString()));
        return tags;
    }

    private static dev.sextant.tracking.Dataset trackedDataset(TrainingOutcome.DatasetFacts facts,
                                                               DatasetSource origin) {
        String source = JSON.createObjectNode().put("uri", origin.uri()).toString();
        String profile = JSON.createObjectNode().put("num_rows", facts.rows()).put("sha256", facts.sha256())
                .put("format", facts.format()).toString();
        return new dev.sextant.tracking.Dataset(facts.name(), facts.shortDigest(), origin.type(), source,
                facts.schemaJson(), profile);
    }
}
