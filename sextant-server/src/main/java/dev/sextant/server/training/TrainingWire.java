package dev.sextant.server.training;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sextant.tracking.Tag;
import dev.sextant.tracking.provenance.Provenance;
import dev.sextant.training.TrainingOptions;
import dev.sextant.training.TrainingOutcome;
import dev.sextant.training.features.ColumnDecision;
import dev.sextant.training.models.Hyperparameters;
import dev.sextant.training.recording.RecordedRun;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The training job resource: every field always present, null until known, collections empty
 * until the job succeeded; times as epoch milliseconds.
 */
final class TrainingWire {
    private static final Map<String, String> SOURCE_FIELDS = Map.of(Provenance.GIT_COMMIT, "git_commit",
            Provenance.GIT_BRANCH, "git_branch", Provenance.GIT_REPO_URL, "git_repo_url");

    private TrainingWire() {
    }

    static void job(JsonGenerator json, JobView job) throws IOException {
        Optional<RecordedRun> result = job.result();
        Optional<TrainingOutcome> outcome = result.map(RecordedRun::outcome);
        json.writeStartObject();
        json.writeStringField("id", job.id());
        json.writeStringField("state", job.state().wireName());
        json.writeStringField("stage", job.stage());
        json.writeNumberField("progress", job.progress());
        json.writeNumberField("created_time", job.createdTime());
        time(json, "started_time", job.startedTime());
        time(json, "finished_time", job.finishedTime());
        request(json, job.request());
        text(json, "experiment_id", job.experimentId());
        text(json, "run_id", job.runId());
        text(json, "model_uri", job.state() == JobState.SUCCEEDED
                ? "runs:/" + job.runId() + "/" + ServiceTrainingRecorder.MODEL_PATH : "");
        modelVersion(json, result);
        text(json, "task", outcome.map(o -> o.task().wireName()).orElse(""));
        text(json, "task_reason", outcome.map(TrainingOutcome::taskReason).orElse(""));
        text(json, "algorithm", outcome.map(o -> o.algorithm().wireName()).orElse(""));
        stringMap(json, "params", outcome.map(TrainingOutcome::params).orElse(Map.of()));
        json.writeObjectFieldStart("metrics");
        for (Map.Entry<String, Double> metric : outcome.map(TrainingOutcome::metrics).orElse(Map.of()).entrySet()) {
            json.writeNumberField(metric.getKey(), metric.getValue());
        }
        json.writeEndObject();
        text(json, "metrics_averaging", outcome.map(TrainingOutcome::metricsAveraging).orElse(""));
        columns(json, outcome.map(TrainingOutcome::columns).orElse(List.of()));
        dataset(json, job.request(), outcome);
        text(json, "package_digest", result.map(RecordedRun::packageDigest).orElse(""));
        error(json, job.error());
        json.writeEndObject();
    }

    private static void request(JsonGenerator json, TrainingRequest request) throws IOException {
        TrainingOptions options = request.options();
        Hyperparameters params = options.hyperparameters();
        json.writeObjectFieldStart("request");
        json.writeStringField("data", request.data());
        json.writeStringField("target", options.target());
        text(json, "task", options.task());
        text(json, "algorithm", options.algorithm());
        json.writeStringField("experiment", request.experiment());
        text(json, "register", request.register());
        json.writeNumberField("seed", options.seed());
        json.writeNumberField("holdout", options.holdout());
        json.writeObjectFieldStart("params");
        json.writeNumberField("trees", params.trees());
        json.writeNumberField("max_depth", params.maxDepth());
        json.writeNumberField("epochs", params.epochs());
        json.writeNumberField("learning_rate", params.learningRate());
        json.writeEndObject();
        json.writeObjectFieldStart("source");
        for (Tag tag : request.sourceTags()) {
            json.writeStringField(SOURCE_FIELDS.get(tag.key()), tag.value());
        }
        json.writeEndObject();
        json.writeObjectFieldStart("tags");
        for (Tag tag : request.tags()) {
            json.writeStringField(tag.key(), tag.value());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void modelVersion(JsonGenerator json, Optional<RecordedRun> result) throws IOException {
        Optional<RecordedRun> registered = result.filter(run -> run.modelVersion().isPresent());
        if (registered.isEmpty()) {
            json.writeNullField("model_version");
            return;
        }
        RecordedRun run = registered.get();
        String version = run.modelVersion().orElseThrow();
        json.writeObjectFieldStart("model_version");
        json.writeStringField("name", run.registeredModel());
        json.writeNumberField("version", Long.parseLong(version));
        json.writeStringField("model_uri", "models:/" + run.registeredModel() + "/" + version);
        json.writeEndObject();
    }

    private static void columns(JsonGenerator json, List<ColumnDecision> decisions) throws IOException {
        json.writeArrayFieldStart("columns");
        for (ColumnDecision decision : decisions) {
            json.writeStartObject();
            json.writeStringField("column", decision.column());
            json.writeStringField("action", decision.action().label());
            json.writeNumberField("features", decision.features());
            json.writeStringField("reason", decision.reason());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** The data as trained on: named as the request named it, with the digest of the bytes read. */
    private static void dataset(JsonGenerator json, TrainingRequest request, Optional<TrainingOutcome> outcome)
            throws IOException {
        if (outcome.isEmpty()) {
            json.writeNullField("dataset");
            return;
        }
        TrainingOutcome.DatasetFacts facts = outcome.get().dataset();
        json.writeObjectFieldStart("dataset");
        json.writeStringField("name", facts.name());
        json.writeStringField("source", request.data());
        json.writeStringField("format", facts.format());
        json.writeStringField("sha256", facts.sha256());
        json.writeStringField("digest", facts.shortDigest());
        json.writeNumberField("rows", facts.rows());
        json.writeEndObject();
    }

    private static void error(JsonGenerator json, Optional<JobError> error) throws IOException {
        if (error.isEmpty()) {
            json.writeNullField("error");
            return;
        }
        json.writeObjectFieldStart("error");
        json.writeStringField("code", error.get().code().name());
        json.writeNumberField("status", error.get().code().httpStatus());
        json.writeStringField("message", error.get().message());
        json.writeEndObject();
    }

    private static void stringMap(JsonGenerator json, String field, Map<String, String> values) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }

    /** Empty text is written as null: not known (yet), or not asked for. */
    private static void text(JsonGenerator json, String field, String value) throws IOException {
        if (value.isEmpty()) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, value);
        }
    }

    private static void time(JsonGenerator json, String field, OptionalLong value) throws IOException {
        if (value.isPresent()) {
            json.writeNumberField(field, value.getAsLong());
        } else {
            json.writeNullField(field);
        }
    }
}
