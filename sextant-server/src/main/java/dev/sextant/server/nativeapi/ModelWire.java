package dev.sextant.server.nativeapi;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sextant.registry.Alias;
import dev.sextant.registry.FileDigest;
import dev.sextant.registry.ModelContent;
import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.RegisteredModel;
import dev.sextant.registry.lineage.LineageEdge;
import dev.sextant.registry.lineage.LineageGraph;
import dev.sextant.registry.lineage.LineageNode;
import dev.sextant.tracking.Tag;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The native shapes of registered models, versions and lineage graphs: tags and aliases as
 * objects, version numbers as numbers, a version's file digests and signature included.
 */
final class ModelWire {

    private ModelWire() {
    }

    static void model(JsonGenerator json, RegisteredModel model) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", model.name());
        json.writeStringField("description", model.description());
        json.writeNumberField("creation_timestamp", model.creationTimestamp());
        json.writeNumberField("last_updated_timestamp", model.lastUpdatedTimestamp());
        tags(json, model.tags());
        json.writeObjectFieldStart("aliases");
        for (Alias alias : model.aliases()) {
            json.writeNumberField(alias.alias(), alias.version());
        }
        json.writeEndObject();
        json.writeArrayFieldStart("latest_versions");
        for (ModelVersion version : model.latestVersions()) {
            version(json, version);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    static void version(JsonGenerator json, ModelVersion version) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", version.name());
        json.writeNumberField("version", version.version());
        json.writeStringField("model_uri", version.uri());
        json.writeStringField("stage", version.currentStage().wireName());
        json.writeStringField("description", version.description());
        json.writeStringField("source", version.source());
        json.writeStringField("run_id", version.runId());
        json.writeStringField("run_link", version.runLink());
        json.writeStringField("status", version.status().name());
        json.writeStringField("status_message", version.statusMessage());
        json.writeNumberField("creation_timestamp", version.creationTimestamp());
        json.writeNumberField("last_updated_timestamp", version.lastUpdatedTimestamp());
        tags(json, version.tags());
        json.writeArrayFieldStart("aliases");
        for (String alias : version.aliases()) {
            json.writeString(alias);
        }
        json.writeEndArray();
        content(json, version.content());
        json.writeEndObject();
    }

    private static void content(JsonGenerator json, ModelContent content) throws IOException {
        json.writeStringField("storage_location", content.storageLocation());
        json.writeStringField("package_digest", content.packageDigest());
        json.writeStringField("model_file", content.modelFile());
        json.writeArrayFieldStart("files");
        for (FileDigest file : content.files()) {
            json.writeStartObject();
            json.writeStringField("path", file.path());
            json.writeStringField("sha256", file.sha256());
            json.writeNumberField("size", file.size());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeObjectFieldStart("signature");
        json.writeFieldName("inputs");
        json.writeRawValue(specs(content.signature().inputs()));
        json.writeFieldName("outputs");
        json.writeRawValue(specs(content.signature().outputs()));
        json.writeBooleanField("inferred", content.signatureInferred());
        json.writeEndObject();
    }

    /** The stored spec lists are JSON written by the packaging code at registration. */
    private static String specs(String stored) {
        return stored.isBlank() ? "[]" : stored;
    }

    static void lineage(JsonGenerator json, LineageGraph graph) throws IOException {
        json.writeStartObject();
        json.writeStringField("root", graph.root());
        json.writeStringField("direction", graph.direction());
        json.writeArrayFieldStart("nodes");
        for (LineageNode node : graph.nodes()) {
            node(json, node);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("edges");
        for (LineageEdge edge : graph.edges()) {
            json.writeStartObject();
            json.writeStringField("from", edge.from());
            json.writeStringField("to", edge.to());
            json.writeStringField("relation", edge.relation());
            json.writeStringField("context", edge.context());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void node(JsonGenerator json, LineageNode node) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", node.id());
        switch (node) {
            case LineageNode.DatasetVersion d -> {
                json.writeStringField("type", "dataset_version");
                json.writeStringField("digest", d.digest());
                json.writeStringField("name", d.name());
                json.writeStringField("source_type", d.sourceType());
                json.writeStringField("source", d.source());
            }
            case LineageNode.Run r -> {
                json.writeStringField("type", "run");
                json.writeStringField("run_id", r.runId());
                json.writeStringField("run_name", r.runName());
                json.writeStringField("experiment_id", r.experimentId());
                json.writeStringField("status", r.status());
                stringMap(json, "code", r.code());
                stringMap(json, "environment", r.environment());
            }
            case LineageNode.ModelVersion v -> {
                json.writeStringField("type", "model_version");
                json.writeStringField("name", v.name());
                json.writeNumberField("version", v.version());
                json.writeStringField("model_uri", "models:/" + v.name() + "/" + v.version());
                json.writeStringField("stage", v.stage());
                json.writeArrayFieldStart("aliases");
                for (String alias : v.aliases()) {
                    json.writeString(alias);
                }
                json.writeEndArray();
                json.writeStringField("package_digest", v.packageDigest());
                json.writeStringField("source", v.source());
            }
            case LineageNode.Deployment d -> {
                json.writeStringField("type", "deployment");
                json.writeStringField("deployment_id", d.deploymentId());
                json.writeStringField("endpoint", d.endpoint());
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

    private static void stringMap(JsonGenerator json, String field, Map<String, String> values) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }
}
