package dev.sextant.server.nativeapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.ErrorCode;
import dev.sextant.api.security.Principal;
import dev.sextant.release.approval.Approval;
import dev.sextant.release.approval.ApprovalStatus;
import dev.sextant.release.gate.VerdictJson;
import dev.sextant.release.policy.StoredPolicy;
import dev.sextant.release.promotion.HistoryEntry;
import dev.sextant.release.promotion.Promotion;
import dev.sextant.release.promotion.PromotionTarget;
import dev.sextant.release.webhook.Attempt;
import dev.sextant.release.webhook.Delivery;
import dev.sextant.release.webhook.Webhook;
import dev.sextant.server.observe.RequestIds;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.io.UncheckedIOException;

/** JSON of the release resources, and sending it. */
final class ReleaseWire {
    static final ObjectMapper JSON = new ObjectMapper();

    private ReleaseWire() {
    }

    static void send(ServerResponse res, Status status, JsonNode body) {
        res.status(status);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(bytes(body));
    }

    static void created(ServerResponse res, String location, JsonNode body) {
        res.header(HeaderNames.LOCATION, location);
        send(res, Status.CREATED_201, body);
    }

    /**
     * 409 as problem details whose extension members carry the verdict and every check that
     * failed, so that a CI job can print what is missing.
     */
    static void refused(ServerResponse res, String instance, Promotion.Refused refused) {
        ObjectNode problem = JSON.createObjectNode()
                .put("type", "https://sextant.dev/problems/promotion-refused")
                .put("title", "Promotion refused")
                .put("status", 409)
                .put("detail", "Promotion of models:/" + refused.verdict().facts().model() + "/"
                        + refused.verdict().facts().version() + " to " + refused.verdict().facts().target() + " refused: "
                        + String.join("; ", refused.missing().stream().map(c -> c.check() + " (observed " + c.observed()
                        + ", expected " + c.expected() + ")").toList()) + ".")
                .put("instance", instance)
                .put("code", ErrorCode.RESOURCE_CONFLICT.name())
                .put("request_id", RequestIds.current());
        ArrayNode missing = problem.putArray("missing");
        refused.missing().forEach(c -> missing.addObject().put("check", c.check()).put("observed", c.observed())
                .put("expected", c.expected()).put("detail", c.detail()));
        problem.set("verdict", VerdictJson.tree(refused.verdict()));
        res.status(Status.CONFLICT_409);
        res.header(HeaderNames.CONTENT_TYPE, "application/problem+json");
        res.send(bytes(problem));
    }

    static ObjectNode policy(StoredPolicy policy, String effectiveSource) {
        return JSON.createObjectNode().put("model", policy.model()).put("scope", policy.serverDefault() ? "server default"
                        : "model").put("policy", policy.text()).put("updated_at", policy.updatedAt())
                .put("updated_by", policy.updatedBy()).put("in_force", effectiveSource);
    }

    /** The status for {@code caller}: the human summary, and per requirement the facts clients act on. */
    static ObjectNode approvalStatus(ApprovalStatus status, Principal caller) {
        ObjectNode out = JSON.createObjectNode().put("approval_set", status.set()).put("complete", status.complete())
                .put("caller_may_decide", status.mayDecide(caller));
        ArrayNode requirements = out.putArray("requirements");
        status.standings(caller).forEach(s -> {
            ObjectNode requirement = requirements.addObject().put("requirement", s.requirement().describe());
            requirement.putArray("roles").add(s.requirement().reviewerRole().wire());
            s.requirement().approverDomain().ifPresentOrElse(d -> requirement.put("domain", d), () -> requirement.putNull("domain"));
            requirement.put("needed", s.needed()).put("received", s.received()).put("pending", s.pending());
            ArrayNode approvedBy = requirement.putArray("approved_by");
            s.approvedBy().forEach(approvedBy::add);
            requirement.put("caller_may_approve", s.callerMayApprove());
        });
        ArrayNode met = out.putArray("met");
        status.met().forEach(m -> met.addObject().put("requirement", m.requirement().describe())
                .put("reviewer", m.approval().reviewer()).put("comment", m.approval().comment())
                .put("decided_at", m.approval().createdAt()));
        ArrayNode missing = out.putArray("missing");
        status.missing().forEach(r -> missing.add(r.describe()));
        ArrayNode rejections = out.putArray("rejections");
        status.rejections().forEach(a -> rejections.add(approval(a)));
        return out;
    }

    static ObjectNode approval(Approval a) {
        return JSON.createObjectNode().put("id", a.id()).put("model", a.model()).put("version", a.version())
                .put("target", a.target()).put("reviewer", a.reviewer()).put("role", a.role().wire())
                .put("domain", a.domain()).put("decision", a.decision().wireName()).put("comment", a.comment())
                .put("created_at", a.createdAt());
    }

    static ObjectNode history(HistoryEntry e) {
        ObjectNode out = JSON.createObjectNode().put("sequence", e.sequence()).put("model", e.model())
                .put("target", e.target()).put("version", e.version()).put("model_uri", "models:/" + e.model() + "/"
                        + e.version());
        if (e.previousVersion().isPresent()) {
            out.put("previous_version", e.previousVersion().getAsLong());
        } else {
            out.putNull("previous_version");
        }
        out.put("previous_alias", PromotionTarget.parse(e.target()).previousAlias());
        out.put("action", e.action().wireName()).put("actor", e.actor()).put("reason", e.reason());
        e.verdictId().ifPresentOrElse(id -> out.put("verdict_id", id), () -> out.putNull("verdict_id"));
        return out.put("at", e.at());
    }

    /** A webhook without its secret; {@code withSecret} only when it was just created. */
    static ObjectNode webhook(Webhook w, boolean withSecret) {
        ObjectNode out = JSON.createObjectNode().put("id", w.id()).put("url", w.url()).put("model", w.model());
        w.events().forEach(out.putArray("events")::add);
        out.put("created_at", w.createdAt()).put("created_by", w.createdBy());
        if (withSecret) {
            out.put("secret", w.secret());
        }
        return out;
    }

    static ObjectNode delivery(Delivery d) {
        ObjectNode out = JSON.createObjectNode().put("id", d.id()).put("webhook_id", d.webhookId())
                .put("event_id", d.eventId()).put("event_type", d.eventType()).put("status", d.status().wireName())
                .put("attempts", d.attempts());
        if (d.status() == Delivery.Status.PENDING) {
            out.put("next_attempt_at", d.nextAttemptAt());
        }
        if (d.lastStatusCode().isPresent()) {
            out.put("last_status_code", d.lastStatusCode().getAsInt());
        }
        out.put("last_error", d.lastError()).put("created_at", d.createdAt());
        if (d.deliveredAt().isPresent()) {
            out.put("delivered_at", d.deliveredAt().getAsLong());
        }
        return out;
    }

    static ObjectNode attempt(Attempt a) {
        ObjectNode out = JSON.createObjectNode().put("attempt", a.number()).put("at", a.at());
        if (a.statusCode().isPresent()) {
            out.put("status_code", a.statusCode().getAsInt());
        } else {
            out.putNull("status_code");
        }
        return out.put("error", a.error()).put("duration_ms", a.durationMillis());
    }

    static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
