package dev.sextant.serving.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A whole {@link Deployment} as JSON: the spec's fields plus resolved versions, rollout and bookkeeping. */
public final class DeploymentJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DeploymentJson() {
    }

    public static ObjectNode write(Deployment deployment) {
        ObjectNode node = SpecJson.write(deployment.spec());
        node.put("endpoint", deployment.endpoint());
        node.set("versions", versions(deployment.versions()));
        node.set("rollout", rollout(deployment.rollout()));
        node.put("generation", deployment.generation());
        node.put("creation_timestamp", deployment.createdAt());
        node.put("last_updated_timestamp", deployment.updatedAt());
        return node;
    }

    public static ObjectNode versions(Map<String, ServedVersion> versions) {
        ObjectNode node = NODES.objectNode();
        versions.forEach((slot, version) -> node.putObject(slot)
                .put("model", version.modelName())
                .put("version", version.version())
                .put("uri", version.uri())
                .put("requested_uri", version.requestedUri())
                .put("package_digest", version.packageDigest()));
        return node;
    }

    public static Map<String, ServedVersion> readVersions(JsonNode node) {
        Map<String, ServedVersion> versions = new LinkedHashMap<>();
        node.properties().forEach(e -> versions.put(e.getKey(), new ServedVersion(e.getValue().path("model").asText(),
                e.getValue().path("version").asLong(), e.getValue().path("requested_uri").asText(),
                e.getValue().path("package_digest").asText())));
        return versions;
    }

    public static ObjectNode rollout(RolloutStatus status) {
        ObjectNode node = NODES.objectNode();
        node.put("phase", status.phase().name());
        node.put("canary_percent", status.canaryPercent());
        node.put("step_started_timestamp", status.stepStartedAt());
        node.put("reason", status.reason());
        ArrayNode events = node.putArray("events");
        status.events().forEach(e -> events.addObject().put("timestamp", e.timestamp()).put("message", e.message()));
        return node;
    }

    public static RolloutStatus readRollout(JsonNode node) {
        List<RolloutStatus.Event> events = new ArrayList<>();
        node.path("events").forEach(e -> events.add(new RolloutStatus.Event(e.path("timestamp").asLong(),
                e.path("message").asText())));
        return new RolloutStatus(RolloutStatus.Phase.valueOf(node.path("phase").asText("STEADY")),
                node.path("canary_percent").asInt(), node.path("step_started_timestamp").asLong(),
                node.path("reason").asText(""), events);
    }

    /** A stored deployment back from its three JSON parts. */
    public static Deployment read(JsonNode spec, JsonNode versions, JsonNode rollout, long generation, long createdAt,
                                  long updatedAt) {
        return new Deployment(SpecJson.read(spec, Optional.empty()), readVersions(versions), readRollout(rollout),
                generation, createdAt, updatedAt);
    }
}
