package dev.sextant.release.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.release.ReleaseEvent;
import dev.sextant.release.gate.VerdictJson;
import dev.sextant.release.promotion.HistoryEntry;

/**
 * The JSON body of a webhook delivery: {@code {"id", "type", "occurred_at", "model", "version",
 * "data"}}, where {@code data} depends on the type.
 */
final class EventPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventPayloads() {
    }

    static String body(String eventId, ReleaseEvent event, long occurredAt) {
        ObjectNode body = JSON.createObjectNode().put("id", eventId).put("type", event.type())
                .put("occurred_at", occurredAt).put("model", event.model()).put("version", event.version());
        body.set("data", data(event));
        return body.toString();
    }

    private static ObjectNode data(ReleaseEvent event) {
        ObjectNode data = JSON.createObjectNode();
        switch (event) {
            case ReleaseEvent.VersionCreated created -> data.put("source", created.source()).put("run_id", created.runId());
            case ReleaseEvent.GateEvaluated gate -> data.setAll(VerdictJson.tree(gate.verdict()));
            case ReleaseEvent.ApprovalRequested requested -> {
                data.put("target", requested.target()).put("approval_set", requested.set());
                requested.missing().forEach(data.putArray("missing")::add);
            }
            case ReleaseEvent.ApprovalGiven given -> data.put("target", given.approval().target())
                    .put("reviewer", given.approval().reviewer()).put("role", given.approval().role().wire())
                    .put("domain", given.approval().domain()).put("decision", given.approval().decision().wireName())
                    .put("comment", given.approval().comment());
            case ReleaseEvent.Promoted promoted -> history(data, promoted.entry());
            case ReleaseEvent.RolledBack rolledBack -> history(data, rolledBack.entry());
        }
        return data;
    }

    private static void history(ObjectNode data, HistoryEntry entry) {
        data.put("target", entry.target()).put("action", entry.action().wireName()).put("actor", entry.actor())
                .put("reason", entry.reason()).put("sequence", entry.sequence());
        if (entry.previousVersion().isPresent()) {
            data.put("previous_version", entry.previousVersion().getAsLong());
        } else {
            data.putNull("previous_version");
        }
        entry.verdictId().ifPresentOrElse(id -> data.put("verdict_id", id), () -> data.putNull("verdict_id"));
    }
}
