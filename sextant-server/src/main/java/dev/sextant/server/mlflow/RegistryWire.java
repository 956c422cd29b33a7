package dev.sextant.server.mlflow;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sextant.registry.Alias;
import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.RegisteredModel;
import dev.sextant.server.http.Json;
import dev.sextant.server.http.JsonResponses;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.List;

/**
 * MLflow's {@code RegisteredModel} and {@code ModelVersion} messages in proto-JSON: version numbers
 * as strings, timestamps as numbers, empty optional strings and empty lists left out.
 */
final class RegistryWire {

    private RegistryWire() {
    }

    static void registeredModel(JsonGenerator json, RegisteredModel model) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", model.name());
        json.writeNumberField("creation_timestamp", model.creationTimestamp());
        json.writeNumberField("last_updated_timestamp", model.lastUpdatedTimestamp());
        optional(json, "description", model.description());
        if (!model.latestVersions().isEmpty()) {
            json.writeArrayFieldStart("latest_versions");
            for (ModelVersion version : model.latestVersions()) {
                modelVersion(json, version);
            }
            json.writeEndArray();
        }
        MlflowWire.tags(json, "tags", model.tags());
        if (!model.aliases().isEmpty()) {
            json.writeArrayFieldStart("aliases");
            for (Alias alias : model.aliases()) {
                json.writeStartObject();
                json.writeStringField("alias", alias.alias());
                json.writeStringField("version", Long.toString(alias.version()));
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    static void modelVersion(JsonGenerator json, ModelVersion version) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", version.name());
        json.writeStringField("version", Long.toString(version.version()));
        json.writeNumberField("creation_timestamp", version.creationTimestamp());
        json.writeNumberField("last_updated_timestamp", version.lastUpdatedTimestamp());
        optional(json, "user_id", version.userId());
        json.writeStringField("current_stage", version.currentStage().wireName());
        optional(json, "description", version.description());
        json.writeStringField("source", version.source());
        optional(json, "run_id", version.runId());
        json.writeStringField("status", version.status().name());
        optional(json, "status_message", version.statusMessage());
        MlflowWire.tags(json, "tags", version.tags());
        optional(json, "run_link", version.runLink());
        if (!version.aliases().isEmpty()) {
            json.writeArrayFieldStart("aliases");
            for (String alias : version.aliases()) {
                json.writeString(alias);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    static void sendModel(ServerResponse res, RegisteredModel model) {
        JsonResponses.send(res, Json.MLFLOW, json -> {
            json.writeStartObject();
            json.writeFieldName("registered_model");
            registeredModel(json, model);
            json.writeEndObject();
        });
    }

    static void sendVersion(ServerResponse res, ModelVersion version) {
        JsonResponses.send(res, Json.MLFLOW, json -> {
            json.writeStartObject();
            json.writeFieldName("model_version");
            modelVersion(json, version);
            json.writeEndObject();
        });
    }

    static void sendVersions(ServerResponse res, List<ModelVersion> versions, String nextPageToken) {
        JsonResponses.send(res, Json.MLFLOW, json -> {
            json.writeStartObject();
            if (!versions.isEmpty()) {
                json.writeArrayFieldStart("model_versions");
                for (ModelVersion version : versions) {
                    modelVersion(json, version);
                }
                json.writeEndArray();
            }
            optional(json, "next_page_token", nextPageToken);
            json.writeEndObject();
        });
    }

    private static void optional(JsonGenerator json, String field, String value) throws IOException {
        if (!value.isEmpty()) {
            json.writeStringField(field, value);
        }
    }
}
