package dev.sextant.server.release;

import dev.sextant.release.ReleaseEvent;
import dev.sextant.release.ReleaseListener;
import dev.sextant.release.promotion.HistoryEntry;
import dev.sextant.server.audit.AuditTrail;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the release events that change state to the audit log: approvals, promotions and
 * rollbacks, with the before and after holder, by the caller of the request that made them.
 */
final class ReleaseEventTrail implements ReleaseListener {
    private final AuditTrail audit;

    ReleaseEventTrail(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public void on(ReleaseEvent event) {
        switch (event) {
            case ReleaseEvent.ApprovalGiven given -> {
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("target", given.approval().target());
                after.put("decision", given.approval().decision().wireName());
                after.put("comment", given.approval().comment());
                audit.record("model-version." + (given.approval().decision().wireName().equals("approved") ? "approve"
                        : "reject"), "model-version", given.model() + "/" + given.version(), "", AuditTrail.json(after));
            }
            case ReleaseEvent.Promoted promoted -> moved("model-version.promote", promoted.entry());
            case ReleaseEvent.RolledBack rolledBack -> moved("model-version.rollback", rolledBack.entry());
            case ReleaseEvent.VersionCreated created -> {
                // the registry's audited store records the creation itself
            }
            case ReleaseEvent.GateEvaluated gate -> {
                // a verdict changes nothing; it is stored with the version
            }
            case ReleaseEvent.ApprovalRequested requested -> {
                // a request for approval changes nothing
            }
        }
    }

    private void moved(String action, HistoryEntry entry) {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("target", entry.target());
        before.put("version", entry.previousVersion().isPresent() ? entry.previousVersion().getAsLong() : null);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("target", entry.target());
        after.put("version", entry.version());
        after.put("reason", entry.reason());
        after.put("verdict_id", entry.verdictId().orElse(null));
        after.put("sequence", entry.sequence());
        audit.record(action, "registered-model", entry.model() + "/" + entry.target(), AuditTrail.json(before),
                AuditTrail.json(after));
    }
}
