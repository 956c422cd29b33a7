package dev.sextant.release.webhook;

import java.util.List;
import java.util.Optional;

/**
 * Persistence port of webhooks and their deliveries: an outbox that survives restarts and that
 * several servers drain together without sending a delivery twice at the same time.
 */
public interface WebhookStore {

    void create(Webhook webhook);

    List<Webhook> list();

    Optional<Webhook> get(String id);

    /** Deletes the webhook and its pending deliveries; returns whether it existed. */
    boolean delete(String id);

    void enqueue(List<Delivery> deliveries);

    /**
     * Takes up to {@code limit} pending deliveries due at {@code now} that no one else holds, and
     * holds them until {@code leaseUntil}.
     */
    List<Delivery> claimDue(long now, long leaseUntil, int limit);

    /**
     * Records an attempt and what follows: delivered, failed for good, or pending again at
     * {@code nextAttemptAt}; releases the hold.
     */
    void recordAttempt(Attempt attempt, Delivery.Status status, long nextAttemptAt);

    /** A webhook's deliveries, newest first. */
    List<Delivery> deliveries(String webhookId, int limit);

    Optional<Delivery> delivery(String id);

    /** A delivery's attempts, in order. */
    List<Attempt> attempts(String deliveryId);
}
