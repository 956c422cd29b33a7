package dev.sextant.server.nativeapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.SextantException;
import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.RegistryService;
import dev.sextant.release.approval.ApprovalStatus;
import dev.sextant.release.approval.Decision;
import dev.sextant.release.gate.Verdict;
import dev.sextant.release.gate.VerdictJson;
import dev.sextant.release.policy.TargetPolicy;
import dev.sextant.release.promotion.Expectation;
import dev.sextant.release.promotion.HistoryEntry;
import dev.sextant.release.promotion.Promotion;
import dev.sextant.release.promotion.PromotionTarget;
import dev.sextant.server.http.Fields;
import dev.sextant.server.release.Release;
import dev.sextant.server.security.AccessControl;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Gates, approvals, promotions, rollbacks and the stage history of a registered model:
 * {@code /api/v1/models/{name}/versions/{version}/gate-verdicts|approvals},
 * {@code /api/v1/models/{name}/promotions|rollbacks|stage-history}.
 */
final class ReleaseResource {
    private final Release release;
    private final RegistryService registry;
    private final NativeRequests requests;

    ReleaseResource(Release release, RegistryService registry, NativeRequests requests) {
        this.release = release;
        this.registry = registry;
        this.requests = requests;
    }

    /** Runs the target's gate on the version now and stores the verdict (201 whether it passed or not). */
    void gate(ServerRequest req, ServerResponse res) {
        ModelVersion version = version(req);
        Fields body = requests.body(req);
        PromotionTarget target = PromotionTarget.parse(body.requiredString("target"));
        Verdict verdict = release.gates().evaluate(version, target, optional(body.string("evaluation_id")),
                AccessControl.currentPrincipal().name());
        ReleaseWire.created(res, versionPath(version) + "/gate-verdicts/" + verdict.facts().id(), VerdictJson.tree(verdict));
    }

    void verdicts(ServerRequest req, ServerResponse res) {
        ModelVersion version = version(req);
        String target = NativeRequests.query(req).string("target");
        List<Verdict> verdicts = release.gates().list(version.name(), OptionalLong.of(version.version()),
                target.isBlank() ? Optional.empty() : Optional.of(PromotionTarget.parse(target).name()));
        ObjectNode out = ReleaseWire.JSON.createObjectNode();
        ArrayNode list = out.putArray("verdicts");
        verdicts.forEach(v -> list.add(VerdictJson.tree(v)));
        ReleaseWire.send(res, Status.OK_200, out);
    }

    void verdict(ServerRequest req, ServerResponse res) {
        ModelVersion version = version(req);
        Verdict verdict = release.gates().get(NativeRequests.pathParam(req, "id"));
        if (!verdict.facts().model().equals(version.name()) || verdict.facts().version() != version.version()) {
            throw SextantException.notFound("Gate verdict " + verdict.facts().id() + " is not of " + version.uri() + ".");
        }
        ReleaseWire.send(res, Status.OK_200, VerdictJson.tree(verdict));
    }

    /** Records the caller's decision ({@code approve} or {@code reject}, with a comment) on moving the version to a target. */
    void decide(ServerRequest req, ServerResponse res) {
        ModelVersion version = version(req);
        Fields body = requests.body(req);
        PromotionTarget target = PromotionTarget.parse(body.requiredString("target"));
        ApprovalStatus status = release.approvals().decide(version, target, AccessControl.currentPrincipal(),
                Decision.parse(body.requiredString("decision")), body.string("comment"));
        ReleaseWire.send(res, Status.CREATED_201, approvals(version, target, Optional.of(status)));
    }

    /** Where the approvals of moving the version to {@code target} stand, and every decision so far. */
    void approvals(ServerRequest req, ServerResponse res) {
        ModelVersion version = version(req);
        String target = NativeRequests.query(req).string("target");
        if (target.isBlank()) {
            throw SextantException.missingParameter("target");
        }
        PromotionTarget parsed = PromotionTarget.parse(target);
        Optional<String> set = release.policies().effective(version.name()).forTarget(parsed)
                .flatMap(TargetPolicy::approvalSet);
        ReleaseWire.send(res, Status.OK_200, approvals(version, parsed,
                set.map(s -> release.approvals().status(version, parsed, s))));
    }

    /** Promotes a version: 201 with the history entry and the verdict, or 409 with what is missing. */
    void promote(ServerRequest req, ServerResponse res) {
        String name = NativeRequests.pathParam(req, "name");
        Fields body = requests.body(req);
        ModelVersion version = registry.getModelVersion(name, String.valueOf(body.requiredInt64("version")));
        PromotionTarget target = PromotionTarget.parse(body.requiredString("target"));
        Promotion promotion = release.promotions().promote(version, target, Expectation.parse(replaces(body)),
                body.string("reason"), optional(body.string("evaluation_id")), AccessControl.currentPrincipal().name());
        switch (promotion) {
            case Promotion.Promoted promoted -> {
                ObjectNode out = ReleaseWire.history(promoted.entry());
                out.set("verdict", VerdictJson.tree(promoted.verdict()));
                ReleaseWire.created(res, ModelResource.location(name) + "/stage-history?target=" + target.name(), out);
            }
            case Promotion.Refused refused -> ReleaseWire.refused(res, req.path().absolute().path(), refused);
        }
    }

    /** Puts back the version the target's last move replaced. */
    void rollback(ServerRequest req, ServerResponse res) {
        String name = NativeRequests.pathParam(req, "name");
        Fields body = requests.body(req);
        PromotionTarget target = PromotionTarget.parse(body.string("target").isBlank() ? "Production"
                : body.string("target"));
        HistoryEntry entry = release.promotions().rollback(name, target, body.string("reason"),
                AccessControl.currentPrincipal().name());
        ReleaseWire.created(res, ModelResource.location(name) + "/stage-history?target=" + target.name(),
                ReleaseWire.history(entry));
    }

    /**
     * The history of a model's targets, newest first; with {@code at} (epoch millis or ISO-8601)
     * and {@code target}, the entry in force then: who held the target, who put it there and why.
     */
    void history(ServerRequest req, ServerResponse res) {
        String name = NativeRequests.pathParam(req, "name");
        Fields query = NativeRequests.query(req);
        Optional<PromotionTarget> target = query.string("target").isBlank() ? Optional.empty()
                : Optional.of(PromotionTarget.parse(query.string("target")));
        ObjectNode out = ReleaseWire.JSON.createObjectNode();
        if (!query.string("at").isBlank()) {
            PromotionTarget wanted = target.orElseThrow(() -> SextantException.invalid("Name the target (e.g. "
                    + "target=Production) to ask who held it at a time."));
            long at = time(query.string("at"));
            out.put("target", wanted.name()).put("at", at);
            Optional<HistoryEntry> entry = release.promotions().heldAt(name, wanted, at);
            if (entry.isPresent()) {
                out.set("held_by", ReleaseWire.history(entry.get()));
            } else {
                out.putNull("held_by");
            }
            ReleaseWire.send(res, Status.OK_200, out);
            return;
        }
        ArrayNode entries = out.putArray("history");
        release.promotions().history(name, target).forEach(e -> entries.add(ReleaseWire.history(e)));
        ReleaseWire.send(res, Status.OK_200, out);
    }

    private ObjectNode approvals(ModelVersion version, PromotionTarget target, Optional<ApprovalStatus> status) {
        ObjectNode out = ReleaseWire.JSON.createObjectNode().put("model", version.name()).put("version", version.version())
                .put("target", target.name());
        if (status.isPresent()) {
            out.set("status", ReleaseWire.approvalStatus(status.get(), AccessControl.currentPrincipal()));
        } else {
            out.putNull("status");
        }
        ArrayNode decisions = out.putArray("decisions");
        release.approvals().decisions(version, target).forEach(a -> decisions.add(ReleaseWire.approval(a)));
        return out;
    }

    private ModelVersion version(ServerRequest req) {
        return registry.getModelVersion(NativeRequests.pathParam(req, "name"), NativeRequests.pathParam(req, "version"));
    }

    private static String versionPath(ModelVersion version) {
        return ModelResource.location(version.name()) + "/versions/" + version.version();
    }

    /** {@code replaces}: a version number (as a number or text) or {@code none}. */
    private static String replaces(Fields body) {
        if (!body.has("replaces")) {
            return "";
        }
        try {
            return body.string("replaces");
        } catch (SextantException notText) {
            return Long.toString(body.requiredInt64("replaces"));
        }
    }

    private static Optional<String> optional(String value) {
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static long time(String text) {
        try {
            return text.chars().allMatch(Character::isDigit) ? Long.parseLong(text) : Instant.parse(text).toEpochMilli();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw SextantException.invalid("'at' must be epoch milliseconds or an ISO-8601 instant such as "
                    + "2025-03-01T12:00:00Z; got '" + text + "'.");
        }
    }
}
