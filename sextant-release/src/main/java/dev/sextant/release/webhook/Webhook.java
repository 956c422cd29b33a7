package dev.sextant.release.webhook;

import java.util.List;

/**
 * A subscription: release events of the given types (of one model, or of every model when
 * {@code model} is empty) are POSTed to {@code url}, signed with {@code secret}.
 */
public record Webhook(String id, String url, List<String> events, String model, String secret, long createdAt,
                      String createdBy) {

    public Webhook {
        events = List.copyOf(events);
    }

    public boolean wants(String eventType, String eventModel) {
        return events.contains(eventType) && (model.isEmpty() || model.equals(eventModel));
    }
}
