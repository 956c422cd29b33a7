package dev.sextant.server.nativeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.SextantException;
import dev.sextant.serving.deployment.Deployment;
import dev.sextant.serving.deployment.DeploymentJson;
import dev.sextant.serving.deployment.DeploymentService;
import dev.sextant.serving.deployment.SpecJson;
import dev.sextant.serving.endpoint.ServingPlane;
import dev.sextant.serving.endpoint.SlotCounts;
import dev.sextant.server.http.ApiStyle;
import dev.sextant.server.http.Json;
import dev.sextant.server.http.JsonResponses;
import dev.sextant.server.http.RequestBodies;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * {@code /api/v1/deployments}: create, read, replace ({@code PUT}, as {@code sextant apply}
 * does), patch (a JSON merge patch of the spec), delete, and the rollout actions (blue/green
 * switch, canary promote and rollback). Every change is live when the response is sent.
 */
final class DeploymentResource {
    private final DeploymentService deployments;
    private final ServingPlane plane;
    private final long maxBodyBytes;

    DeploymentResource(DeploymentService deployments, ServingPlane plane, long maxBodyBytes) {
        this.deployments = deployments;
        this.plane = plane;
        this.maxBodyBytes = maxBodyBytes;
    }

    void list(ServerRequest req, ServerResponse res) {
        JsonResponses.send(res, Json.NATIVE, json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("deployments");
            for (Deployment deployment : deployments.list()) {
                Json.READER.writeTree(json, wire(deployment));
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    void create(ServerRequest req, ServerResponse res) {
        Deployment created = deployments.create(SpecJson.read(body(req), Optional.empty()));
        res.header(HeaderNames.LOCATION, NativeApi.PREFIX + "/deployments/" + created.name());
        JsonResponses.send(res, Status.CREATED_201, HeaderValues.CONTENT_TYPE_JSON, Json.NATIVE,
                json -> Json.READER.writeTree(json, wire(created)));
    }

    void get(ServerRequest req, ServerResponse res) {
        send(res, deployments.get(name(req)));
    }

    /** Creates or replaces: the declarative form {@code sextant apply -f} uses. */
    void put(ServerRequest req, ServerResponse res) {
        send(res, deployments.apply(SpecJson.read(body(req), Optional.of(name(req)))));
    }

    void patch(ServerRequest req, ServerResponse res) {
        send(res, deployments.patch(name(req), body(req)));
    }

    void delete(ServerRequest req, ServerResponse res) {
        deployments.delete(name(req));
        res.status(Status.NO_CONTENT_204);
        res.send();
    }

    void switchColor(ServerRequest req, ServerResponse res) {
        send(res, deployments.switchColor(name(req)));
    }

    void promote(ServerRequest req, ServerResponse res) {
        send(res, deployments.promote(name(req)));
    }

    void rollback(ServerRequest req, ServerResponse res) {
        JsonNode body = body(req);
        String reason = body.path("reason").asText("");
        send(res, deployments.rollback(name(req), reason.isEmpty() ? "rolled back by request" : reason));
    }

    /**
     * What this server counted for the deployment, per slot and version, since it started: the web
     * UI polls it and charts the differences (request rate, errors, latency, shadow agreement).
     */
    void metrics(ServerRequest req, ServerResponse res) {
        Deployment deployment = deployments.get(name(req));
        ObjectNode out = Json.READER.createObjectNode().put("deployment", deployment.name());
        ArrayNode slots = out.putArray("slots");
        for (SlotCounts counts : plane.counts(deployment.name())) {
            ObjectNode slot = slots.addObject().put("slot", counts.slot()).put("version", counts.version());
            slot.putObject("requests").put("ok", counts.ok()).put("client_error", counts.clientErrors())
                    .put("error", counts.errors());
            ObjectNode latency = slot.putObject("latency").put("count", counts.latencyCount())
                    .put("sum_seconds", counts.latencySumSeconds()).put("max_seconds", counts.latencyMaxSeconds());
            ArrayNode buckets = latency.putArray("buckets");
            counts.latencyBuckets().forEach(b -> buckets.addObject().put("le_seconds", b.upperBoundSeconds())
                    .put("count", b.count()));
            slot.putObject("shadow").put("agreed", counts.shadowAgreed()).put("disagreed", counts.shadowDisagreed())
                    .put("failed", counts.shadowFailed()).put("skipped", counts.shadowSkipped());
        }
        JsonResponses.send(res, Json.NATIVE, json -> Json.READER.writeTree(json, out));
    }

    private ObjectNode wire(Deployment deployment) {
        ObjectNode node = DeploymentJson.write(deployment);
        node.put("ready", plane.isServing(deployment.name()));
        return node;
    }

    private void send(ServerResponse res, Deployment deployment) {
        JsonResponses.send(res, Json.NATIVE, json -> Json.READER.writeTree(json, wire(deployment)));
    }

    private JsonNode body(ServerRequest req) {
        RequestBodies.requireJsonContentType(req, ApiStyle.PROBLEM);
        byte[] bytes = RequestBodies.read(req, maxBodyBytes, RequestBodies::tooLarge);
        if (bytes.length == 0) {
            return Json.READER.createObjectNode();
        }
        try {
            return Json.READER.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw RequestBodies.malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(ServerRequest req) {
        String name = req.path().pathParameters().first("name").orElse("");
        if (name.isEmpty()) {
            throw SextantException.missingParameter("name");
        }
        return name;
    }
}
