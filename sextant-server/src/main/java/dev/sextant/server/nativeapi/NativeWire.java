package dev.sextant.server.nativeapi;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sextant.api.artifact.ArtifactStore.ArtifactEntry;
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
 * The native API's resource shapes: snake_case, tags and params as JSON objects, collections always
 * present (empty rather than omitted), timestamps as epoch milliseconds.
 */
final class NativeWire {

    private NativeWire() {
    }

    static void experiment(JsonGenerator json, Experiment experiment) throws IOException {
        json.writeStartObject();
        json.writeStringField("experiment_id", experiment.experimentId());
        json.writeStringField("name", experiment.name());
        json.writeStringField("artifact_location", experiment.artifactLocation());
        json.writeStringField("lifecycle_stage", experiment.lifecycleStage().wireName());
        json.writeNumberField("creation_time", experiment.creationTime());
        json.writeNumberField("last_update_time", experiment.lastUpdateTime());
        tags(json, experiment.tags());
        json.writeEndObject();
    }

    static void run(JsonGenerator json, Run run) throws IOException {
        RunInfo info = run.info();
        json.writeStartObject();
        json.writeStringField("run_id", info.runId());
        json.writeStringField("run_name", info.runName());
        json.writeStringField("experiment_id", info.experimentId());
        json.writeStringField("user_id", info.userId());
        json.writeStringField("status", info.status().name());
        json.writeNumberField("start_time", info.startTime());
        if (info.endTime().isPresent()) {
            json.writeNumberField("end_time", info.endTime().getAsLong());
        } else {
            json.writeNullField("end_time");
        }
        json.writeStringField("artifact_uri", info.artifactUri());
        json.writeStringField("lifecycle_stage", info.lifecycleStage().wireName());
        json.writeArrayFieldStart("metrics");
        for (Metric metric : run.data().metrics()) {
            metric(json, metric);
        }
        json.writeEndArray();
        json.writeObjectFieldStart("params");
        for (Param param : run.data().params()) {
            json.writeStringField(param.key(), param.value());
        }
        json.writeEndObject();
        tags(json, run.data().tags());
        json.writeArrayFieldStart("inputs");
        for (DatasetInput input : run.inputs()) {
            input(json, input);
        }
        json.writeEndArray();
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

    static void file(JsonGenerator json, String path, ArtifactEntry entry) throws IOException {
        json.writeStartObject();
        json.writeStringField("path", path);
        json.writeBooleanField("is_dir", entry.directory());
        if (!entry.directory()) {
            json.writeNumberField("file_size", entry.size());
            if (!entry.sha256().isEmpty()) {
                json.writeStringField("sha256", entry.sha256());
            }
        }
        json.writeEndObject();
    }

    private static void tags(JsonGenerator json, List<Tag> tags) throws IOException {
        json.writeObjectFieldStart("tags");
        for (Tag tag : tags) {
            json.writeStringField(tag.key(), tag.value());
        }
        json.writeEndObject();
    }

    private static void input(JsonGenerator json, DatasetInput input) throws IOException {
        Dataset dataset = input.dataset();
        json.writeStartObject();
        json.writeObjectFieldStart("dataset");
        json.writeStringField("name", dataset.name());
        json.writeStringField("digest", dataset.digest());
        json.writeStringField("source_type", dataset.sourceType());
        json.writeStringField("source", dataset.source());
        json.writeStringField("schema", dataset.schema());
        json.writeStringField("profile", dataset.profile());
        json.writeEndObject();
        tags(json, input.tags());
        json.writeEndObject();
    }
}
