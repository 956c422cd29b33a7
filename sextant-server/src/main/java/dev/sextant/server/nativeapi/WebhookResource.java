package dev.sextant.server.nativeapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.release.webhook.Delivery;
import dev.sextant.release.webhook.Webhook;
import dev.sextant.server.audit.AuditTrail;
import dev.sextant.server.http.Fields;
import dev.sextant.server.release.Release;
import dev.sextant.server.security.AccessControl;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/webhooks}: subscriptions to release events, and the history of their
 * deliveries and attempts. The signing secret is shown once, in the answer to the creation.
 */
final class WebhookResource {
    private final Release release;
    private final NativeRequests requests;

    WebhookResource(Release release, NativeRequests requests) {
        this.release = release;
        this.requests = requests;
    }

    void create(ServerRequest req, ServerResponse res) {
        Fields body = requests.body(req);
        String secret = body.string("secret");
        Webhook webhook = release.webhooks().create(body.requiredString("url"), body.strings("events"),
                body.string("model"), secret.isEmpty() ? Optional.empty() : Optional.of(secret),
                AccessControl.currentPrincipal().name());
        release.audit().record("webhook.create", "webhook", webhook.id(), "", AuditTrail.json(Map.of("url", webhook.url(),
                "events", webhook.events(), "model", webhook.model())));
        ReleaseWire.created(res, NativeApi.PREFIX + "/webhooks/" + webhook.id(), ReleaseWire.webhook(webhook, true));
    }

    void list(ServerRequest req, ServerResponse res) {
        ObjectNode out = ReleaseWire.JSON.createObjectNode();
        ArrayNode list = out.putArray("webhooks");
        release.webhooks().list().forEach(w -> list.add(ReleaseWire.webhook(w, false)));
        ReleaseWire.send(res, Status.OK_200, out);
    }

    void get(ServerRequest req, ServerResponse res) {
        ReleaseWire.send(res, Status.OK_200, ReleaseWire.webhook(release.webhooks().get(
                NativeRequests.pathParam(req, "id")), false));
    }

    void delete(ServerRequest req, ServerResponse res) {
        Webhook webhook = release.webhooks().get(NativeRequests.pathParam(req, "id"));
        release.webhooks().delete(webhook.id());
        release.audit().record("webhook.delete", "webhook", webhook.id(), AuditTrail.json(Map.of("url", webhook.url())), "");
        NativeRequests.noContent(res);
    }

    /** The webhook's deliveries, newest first, each with its attempts. */
    void deliveries(ServerRequest req, ServerResponse res) {
        ObjectNode out = ReleaseWire.JSON.createObjectNode();
        ArrayNode list = out.putArray("deliveries");
        for (Delivery delivery : release.webhooks().deliveries(NativeRequests.pathParam(req, "id"))) {
            ObjectNode node = ReleaseWire.delivery(delivery);
            ArrayNode attempts = node.putArray("attempt_history");
            release.webhooks().attempts(delivery.id()).forEach(a -> attempts.add(ReleaseWire.attempt(a)));
            list.add(node);
        }
        ReleaseWire.send(res, Status.OK_200, out);
    }
}
