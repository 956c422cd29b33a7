package dev.sextant.release.webhook;

import dev.sextant.api.SextantException;
import dev.sextant.release.Ids;
import dev.sextant.release.ReleaseEvent;
import dev.sextant.release.ReleaseListener;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Webhook subscriptions, and the outbox of deliveries: every release event is queued once per
 * webhook that wants it, durably, for the {@link WebhookDispatcher} to send.
 */
public final class WebhookService implements ReleaseListener {
    public static final int MAX_LISTED = 1000;

    private final WebhookStore store;
    private final Clock clock;
    private final Ids ids;
    private final RandomGenerator random;

    public WebhookService(WebhookStore store, Clock clock, Ids ids, RandomGenerator random) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        this.random = random;
    }

    /**
     * Subscribes {@code url} to {@code events} (every type when empty) of {@code model} (every model
     * when empty). Without a secret one is generated; it is returned here and never again.
     */
    public Webhook create(String url, List<String> events, String model, Optional<String> secret, String actor) {
        checkUrl(url);
        List<String> types = events.isEmpty() ? ReleaseEvent.TYPES : List.copyOf(new LinkedHashSet<>(events));
        for (String type : types) {
            if (!ReleaseEvent.TYPES.contains(type)) {
                throw SextantException.invalid("Unknown event type '" + type + "'. Webhooks can subscribe to "
                        + String.join(", ", ReleaseEvent.TYPES) + ".");
            }
        }
        String key = secret.orElseGet(this::newSecret);
        if (key.length() < 16 || key.length() > 200) {
            throw SextantException.invalid("A webhook secret must be 16 to 200 characters long; leave it out to have one "
                    + "generated.");
        }
        Webhook webhook = new Webhook(ids.next(), url, types, model, key, clock.millis(), actor);
        store.create(webhook);
        return webhook;
    }

    public List<Webhook> list() {
        return store.list();
    }

    public Webhook get(String id) {
        return store.get(id).orElseThrow(() -> SextantException.notFound("No webhook with id '" + id + "'."));
    }

    public void delete(String id) {
        if (!store.delete(id)) {
            throw SextantException.notFound("No webhook with id '" + id + "'.");
        }
    }

    public List<Delivery> deliveries(String webhookId) {
        get(webhookId);
        return store.deliveries(webhookId, MAX_LISTED);
    }

    public List<Attempt> attempts(String deliveryId) {
        store.delivery(deliveryId).orElseThrow(() -> SextantException.notFound("No webhook delivery with id '"
                + deliveryId + "'."));
        return store.attempts(deliveryId);
    }

    /** Queues the event for every webhook that wants it. */
    @Override
    public void on(ReleaseEvent event) {
        List<Webhook> wanting = store.list().stream().filter(w -> w.wants(event.type(), event.model())).toList();
        if (wanting.isEmpty()) {
            return;
        }
        long now = clock.millis();
        String eventId = ids.next();
        String body = EventPayloads.body(eventId, event, now);
        List<Delivery> deliveries = new ArrayList<>();
        for (Webhook webhook : wanting) {
            deliveries.add(Delivery.pending(ids.next(), webhook.id(), eventId, event.type(), body, now));
        }
        store.enqueue(deliveries);
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void checkUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new URISyntaxException(url, "not an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw SextantException.invalid("Webhook URL '" + url + "' is not an absolute http:// or https:// URL.");
        }
    }
}
