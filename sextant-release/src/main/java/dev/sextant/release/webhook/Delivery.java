package dev.sextant.release.webhook;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One event on its way to one webhook: the exact body sent on every attempt, and where it stands.
 *
 * @param nextAttemptAt when it is due (epoch millis), while pending
 */
public record Delivery(String id, String webhookId, String eventId, String eventType, String payload, Status status,
                       int attempts, long nextAttemptAt, OptionalInt lastStatusCode, String lastError, long createdAt,
                       OptionalLong deliveredAt) {

    public enum Status {
        PENDING, DELIVERED, FAILED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A new delivery, due now. */
    static Delivery pending(String id, String webhookId, String eventId, String eventType, String payload, long now) {
        return new Delivery(id, webhookId, eventId, eventType, payload, Status.PENDING, 0, now, OptionalInt.empty(), "",
                now, OptionalLong.empty());
    }
}
