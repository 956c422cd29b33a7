package dev.sextant.server.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.SextantException;
import dev.sextant.api.audit.AuditChain;
import dev.sextant.api.audit.AuditEntry;
import dev.sextant.api.audit.AuditFinding;
import dev.sextant.api.audit.AuditQuery;
import dev.sextant.api.audit.AuditVerification;
import dev.sextant.api.security.Grant;
import dev.sextant.api.security.GrantStore;
import dev.sextant.api.security.Permission;
import dev.sextant.api.security.Principal;
import dev.sextant.api.security.ResourceKind;
import dev.sextant.api.security.Role;
import dev.sextant.api.security.Scope;
import dev.sextant.server.audit.AuditTrail;
import dev.sextant.server.http.ApiStyle;
import dev.sextant.server.http.Fields;
import dev.sextant.server.http.RequestBodies;
import dev.sextant.server.http.Routes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;

/**
 * The security part of the native API: tokens, grants, the audit log and "who am I". Registered
 * under {@code /api/v1} beside the tracking resources and described in the same OpenAPI document.
 */
public final class SecurityApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenService tokens;
    private final GrantStore grants;
    private final AuditTrail audit;
    private final long maxBodyBytes;

    SecurityApi(TokenService tokens, GrantStore grants, AuditTrail audit, long maxBodyBytes) {
        this.tokens = tokens;
        this.grants = grants;
        this.audit = audit;
        this.maxBodyBytes = maxBodyBytes;
    }

    public Routes routes() {
        return new Routes()
                .get("/auth/whoami", Policy.authenticated(), this::whoami)
                .post("/tokens", Policy.admin(), this::createToken)
                .get("/tokens", Policy.admin(), this::listTokens)
                .delete("/tokens/{id}", Policy.admin(), this::revokeToken)
                .put("/grants", Policy.admin(), this::putGrant)
                .get("/grants", Policy.admin(), this::listGrants)
                .delete("/grants", Policy.admin(), this::removeGrant)
                .get("/audit/verify", Policy.admin(), this::verifyAudit)
                .get("/audit", Policy.admin(), this::listAudit);
    }

    private void whoami(ServerRequest req, ServerResponse res) {
        Principal principal = AccessControl.currentPrincipal();
        ObjectNode out = JSON.createObjectNode().put("name", principal.name()).put("role", principal.role().wire());
        principal.approvalDomain().ifPresent(domain -> out.put("domain", domain));
        ArrayNode scopes = out.putArray("scopes");
        principal.scopes().forEach(scope -> scopes.add(scope.toString()));
        if (!principal.tokenId().isEmpty()) {
            out.put("token_id", principal.tokenId());
        }
        // What the caller may do, so that clients (the web UI) offer only the actions that would be
        // allowed: the role's permission on every resource of a kind, and grants above it on single
        // resources. A token limited to scopes may only predict.
        ObjectNode permissions = out.putObject("permissions");
        for (ResourceKind kind : ResourceKind.values()) {
            permissions.put(kind.wire(), (principal.restricted() ? Permission.NONE : principal.role().baseline(kind))
                    .mlflowName());
        }
        ArrayNode own = out.putArray("grants");
        if (!principal.restricted()) {
            grants.list(principal.name()).forEach(g -> own.add(JSON.valueToTree(map(g))));
        }
        send(res, Status.OK_200, out);
    }

    private void createToken(ServerRequest req, ServerResponse res) {
        Fields in = RequestBodies.json(req, ApiStyle.PROBLEM, maxBodyBytes);
        Role role = Role.parse(in.requiredString("role"));
        List<Scope> scopes = in.strings("scopes").stream().map(Scope::parse).toList();
        long days = in.int64("expires_in_days").orElse(TokenService.DEFAULT_DAYS);
        TokenService.Issued issued = tokens.create(in.requiredString("name"), role, in.string("domain"), scopes,
                (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, days)),
                AccessControl.currentPrincipal().name());
        ObjectNode out = JSON.createObjectNode();
        out.set("token", JSON.valueToTree(TokenService.describe(issued.token())));
        out.put("secret", issued.secret());
        res.header(HeaderNames.LOCATION, "/api/v1/tokens/" + issued.token().id());
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        send(res, Status.CREATED_201, out);
    }

    private void listTokens(ServerRequest req, ServerResponse res) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("tokens");
        tokens.list().forEach(token -> list.add(JSON.valueToTree(TokenService.describe(token))));
        send(res, Status.OK_200, out);
    }

    private void revokeToken(ServerRequest req, ServerResponse res) {
        tokens.revoke(req.path().pathParameters().get("id"));
        res.status(Status.NO_CONTENT_204);
        res.send();
    }

    private void putGrant(ServerRequest req, ServerResponse res) {
        Fields in = RequestBodies.json(req, ApiStyle.PROBLEM, maxBodyBytes);
        Grant grant = new Grant(in.requiredString("principal"), ResourceKind.parse(in.requiredString("kind")),
                in.requiredString("resource_id"), Permission.parse(in.requiredString("permission")));
        String before = grants.find(grant.principal(), grant.kind(), grant.resourceId()).map(SecurityApi::state)
                .orElse("");
        grants.put(grant);
        audit.record("grant.set", grant.kind().wire(), grant.resourceId(), before, state(grant));
        send(res, Status.OK_200, JSON.createObjectNode().set("grant", JSON.valueToTree(map(grant))));
    }

    private void listGrants(ServerRequest req, ServerResponse res) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("grants");
        grants.list(req.query().first("principal").orElse("")).forEach(g -> list.add(JSON.valueToTree(map(g))));
        send(res, Status.OK_200, out);
    }

    private void removeGrant(ServerRequest req, ServerResponse res) {
        Fields in = RequestBodies.query(req);
        String principal = in.requiredString("principal");
        ResourceKind kind = ResourceKind.parse(in.requiredString("kind"));
        String resource = in.requiredString("resource_id");
        Grant existing = grants.find(principal, kind, resource).orElseThrow(() -> SextantException.notFound("'"
                + principal + "' has no grant on " + kind.wire() + " " + resource + "."));
        grants.remove(principal, kind, resource);
        audit.record("grant.remove", kind.wire(), resource, state(existing), "");
        res.status(Status.NO_CONTENT_204);
        res.send();
    }

    private void listAudit(ServerRequest req, ServerResponse res) {
        AuditQuery query = AuditQueries.parse(RequestBodies.query(req));
        List<AuditEntry> entries = audit.log().list(query);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("entries");
        entries.forEach(e -> list.add(entry(e)));
        if (entries.size() == query.limit()) {
            out.put(query.newestFirst() ? "next_before" : "next_after", entries.getLast().seq());
        }
        send(res, Status.OK_200, out);
    }

    private void verifyAudit(ServerRequest req, ServerResponse res) {
        AuditChain.Verifier verifier = AuditChain.verifier();
        audit.log().forEach(verifier::accept);
        AuditVerification verdict = verifier.finish(audit.log().head());
        ObjectNode out = JSON.createObjectNode().put("entries", verdict.entries());
        ArrayNode findings = out.putArray("findings");
        switch (verdict) {
            case AuditVerification.Intact intact -> out.put("intact", true).put("head_hash", intact.headHash());
            case AuditVerification.Broken broken -> {
                out.put("intact", false);
                for (AuditFinding finding : broken.findings()) {
                    findings.addObject().put("kind", finding.kind().name()).put("seq", finding.seq())
                            .put("message", finding.message());
                }
            }
        }
        send(res, Status.OK_200, out);
    }

    private static ObjectNode entry(AuditEntry e) {
        ObjectNode node = JSON.createObjectNode()
                .put("seq", e.seq())
                .put("time", e.time().toString())
                .put("actor", e.event().actor())
                .put("action", e.event().action())
                .put("entity_type", e.event().entityType())
                .put("entity_id", e.event().entityId())
                .put("request_id", e.event().requestId());
        node.set("before", state(e.event().before()));
        node.set("after", state(e.event().after()));
        node.put("previous_hash", e.previousHash()).put("hash", e.hash());
        return node;
    }

    private static com.fasterxml.jackson.databind.JsonNode state(String json) {
        if (json.isEmpty()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    private static Map<String, String> map(Grant grant) {
        return Map.of("principal", grant.principal(), "kind", grant.kind().wire(), "resource_id", grant.resourceId(),
                "permission", grant.permission().mlflowName());
    }

    private static String state(Grant grant) {
        return AuditTrail.json(map(grant));
    }

    private static void send(ServerResponse res, Status status, ObjectNode body) {
        try {
            res.status(status);
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send(JSON.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
