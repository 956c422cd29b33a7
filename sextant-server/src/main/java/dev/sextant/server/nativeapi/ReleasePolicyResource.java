package dev.sextant.server.nativeapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.release.policy.PolicyParser;
import dev.sextant.release.policy.PolicyRejected;
import dev.sextant.release.policy.StoredPolicy;
import dev.sextant.server.audit.AuditTrail;
import dev.sextant.server.http.ApiStyle;
import dev.sextant.server.http.RequestBodies;
import dev.sextant.server.observe.RequestIds;
import dev.sextant.server.release.Release;
import dev.sextant.server.security.AccessControl;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/v1/models/{name}/release-policy} and {@code /api/v1/release-policy} (the server
 * default): the YAML policy is sent as the body ({@code application/yaml}, or JSON
 * {@code {"policy": "..."}}). A rejected policy answers 400 with every problem and its line.
 */
final class ReleasePolicyResource {
    private final Release release;
    private final AuditTrail audit;

    ReleasePolicyResource(Release release, AuditTrail audit) {
        this.release = release;
        this.audit = audit;
    }

    void getModel(ServerRequest req, ServerResponse res) {
        get(res, NativeRequests.pathParam(req, "name"));
    }

    void putModel(ServerRequest req, ServerResponse res) {
        put(req, res, NativeRequests.pathParam(req, "name"));
    }

    void deleteModel(ServerRequest req, ServerResponse res) {
        delete(res, NativeRequests.pathParam(req, "name"));
    }

    void getDefault(ServerRequest req, ServerResponse res) {
        get(res, StoredPolicy.SERVER_DEFAULT);
    }

    void putDefault(ServerRequest req, ServerResponse res) {
        put(req, res, StoredPolicy.SERVER_DEFAULT);
    }

    void deleteDefault(ServerRequest req, ServerResponse res) {
        delete(res, StoredPolicy.SERVER_DEFAULT);
    }

    private void get(ServerResponse res, String model) {
        StoredPolicy policy = release.policies().get(model).orElseThrow(() -> SextantException.notFound(model.isEmpty()
                ? "No server default release policy is set." : "Registered model '" + model + "' has no release policy "
                + "of its own (in force: " + release.policies().effectiveSource(model) + ")."));
        ReleaseWire.send(res, Status.OK_200, ReleaseWire.policy(policy, release.policies().effectiveSource(model)));
    }

    private void put(ServerRequest req, ServerResponse res, String model) {
        String text = text(req);
        String before = release.policies().get(model).map(StoredPolicy::text).orElse("");
        StoredPolicy stored;
        try {
            stored = release.policies().set(model, text, AccessControl.currentPrincipal().name());
        } catch (PolicyRejected rejected) {
            rejectedResponse(req, res, rejected);
            return;
        }
        audit.record("release-policy.set", "release-policy", model.isEmpty() ? "server-default" : model,
                before.isEmpty() ? "" : AuditTrail.json(Map.of("policy", before)), AuditTrail.json(Map.of("policy", text)));
        ReleaseWire.send(res, Status.OK_200, ReleaseWire.policy(stored, release.policies().effectiveSource(model)));
    }

    private void delete(ServerResponse res, String model) {
        String before = release.policies().get(model).map(StoredPolicy::text).orElse("");
        release.policies().delete(model);
        audit.record("release-policy.delete", "release-policy", model.isEmpty() ? "server-default" : model,
                AuditTrail.json(Map.of("policy", before)), "");
        NativeRequests.noContent(res);
    }

    /** The policy text: the YAML body, or {@code policy} of a JSON body. */
    private static String text(ServerRequest req) {
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("").toLowerCase(Locale.ROOT);
        if (type.contains("json")) {
            return RequestBodies.json(req, ApiStyle.PROBLEM, PolicyParser.MAX_LENGTH * 2L).requiredString("policy");
        }
        if (!(type.contains("yaml") || type.startsWith("text/plain") || type.isEmpty())) {
            throw new SextantException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the policy as application/yaml (or JSON "
                    + "{\"policy\": \"...\"}), not " + type + ".");
        }
        byte[] body = RequestBodies.read(req, PolicyParser.MAX_LENGTH, size -> SextantException.invalid("The release "
                + "policy is larger than " + PolicyParser.MAX_LENGTH + " bytes."));
        return new String(body, StandardCharsets.UTF_8);
    }

    /** 400 problem details with a {@code problems} list of {@code {line, reason}}. */
    private static void rejectedResponse(ServerRequest req, ServerResponse res, PolicyRejected rejected) {
        ObjectNode problem = ReleaseWire.JSON.createObjectNode()
                .put("type", "https://sextant.dev/problems/invalid-parameter-value")
                .put("title", "Invalid parameter value")
                .put("status", 400)
                .put("detail", rejected.getMessage())
                .put("instance", req.path().absolute().path())
                .put("code", rejected.code().name())
                .put("request_id", RequestIds.current());
        ArrayNode problems = problem.putArray("problems");
        rejected.problems().forEach(p -> problems.addObject().put("line", p.line()).put("reason", p.reason()));
        res.status(Status.BAD_REQUEST_400);
        res.header(HeaderNames.CONTENT_TYPE, "application/problem+json");
        res.send(ReleaseWire.bytes(problem));
    }
}
