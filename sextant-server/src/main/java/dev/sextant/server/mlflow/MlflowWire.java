package dev.sextant.server.mlflow;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sextant.tracking.Dataset;
import dev.sextant.tracking.DatasetInput;
import dev.sextant.tracking.Experiment;
import dev.sextant.tracking.Metric;
import dev.sextant.tracking.Param;
import dev.sextant.tracking.Run;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.Tag;
import java.io.IOException;
import java.util.List;

/**
 * MLflow's proto-JSON shapes: snake_case names, enums by name, int64 as JSON numbers, empty
 * repeated fields left out, unset optional fields left out.
 */
final class MlflowWire {

    private MlflowWire() {
    }

    static void experiment(JsonGenerator json, Experiment experiment) throws IOException {
        json.writeStartObject();
        json.writeStringField("experiment_id", experiment.experimentId());
        json.writeStringField("name", experiment.name());
        json.writeStringField("artifact_location", experiment.artifactLocation());
        json.writeStringField("lifecycle_stage", experiment.lifecycleStage().wireName());
        json.writeNumberField("last_update_time", experiment.lastUpdateTime());
        json.writeNumberField("creation_time", experiment.creationTime());
        tags(json, "tags", experiment.tags());
        json.writeEndObject();
    }

    static void run(JsonGenerator json, Run run) throws IOException {
        json.writeStartObject();
        json.writeFieldName("info");
        runInfo(json, run.info());
        json.writeObjectFieldStart("data");
        if (!run.data().metrics().isEmpty()) {
            json.writeArrayFieldStart("metrics");
            for (Metric metric : run.data().metrics()) {
                metric(json, metric);
            }
            json.writeEndArray();
        }
        if (!run.data().params().isEmpty()) {
            json.writeArrayFieldStart("params");
            for (Param param : run.data().params()) {
                keyValue(json, param.key(), param.value());
            }
            json.writeEndArray();
        }
        tags(json, "tags", run.data().tags());
        json.writeEndObject();
        json.writeObjectFieldStart("inputs");
        if (!run.inputs().isEmpty()) {
            json.writeArrayFieldStart("dataset_inputs");
            for (DatasetInput input : run.inputs()) {
                datasetInput(json, input);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    static void runInfo(JsonGenerator json, RunInfo info) throws IOException {
        json.writeStartObject();
        json.writeStringField("run_id", info.runId());
        json.writeStringField("run_uuid", info.runId());
        json.writeStringField("run_name", info.runName());
        json.writeStringField("experiment_id", info.experimentId());
        json.writeStringField("user_id", info.userId());
        json.writeStringField("status", info.status().name());
        json.writeNumberField("start_time", info.startTime());
        if (info.endTime().isPresent()) {
            json.writeNumberField("end_time", info.endTime().getAsLong());
        }
        json.writeStringField("artifact_uri", info.artifactUri());
        json.writeStringField("lifecycle_stage", info.lifecycleStage().wireName());
        json.writeEndObject();
    }

    static void metric(JsonGenerator json, Metric metric) throws IOException {
        json.writeStartObject();
        json.writeStringField("key", metric.key());
        json.writeNumberField("value", metric.value());
        json.writeNumberField("timestamp", metric.timestamp());
        json.writeNumberField("step", metric.step());
        json.writeEndObject();
    }

    static void tags(JsonGenerator json, String field, List<Tag> tags) throws IOException {
        if (tags.isEmpty()) {
            return;
        }
        json.writeArrayFieldStart(field);
        for (Tag tag : tags) {
            keyValue(json, tag.key(), tag.value());
        }
        json.writeEndArray();
    }

    private static void keyValue(JsonGenerator json, String key, String value) throws IOException {
        json.writeStartObject();
        json.writeStringField("key", key);
        json.writeStringField("value", value);
        json.writeEndObject();
    }

    private static void datasetInput(JsonGenerator json, DatasetInput input) throws IOException {
        json.writeStartObject();
        tags(json, "tags", input.tags());
        Dataset dataset = input.dataset();
        json.writeObjectFieldStart("dataset");
        json.writeStringField("name", dataset.name());
        json.writeStringField("digest", dataset.digest());
        json.writeStringField("source_type", dataset.sourceType());
        json.writeStringField("source", dataset.source());
        if (!dataset.schema().isEmpty()) {
            json.writeStringField("schema", dataset.schema());
        }
        if (!dataset.profile().isEmpty()) {
            json.writeStringField("profile", dataset.profile());
        }
        json.writeEndObject();
        json.writeEndObject();
    }
}
