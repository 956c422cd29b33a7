package dev.sextant.server.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.api.audit.AuditEvent;
import dev.sextant.api.audit.AuditLog;
import dev.sextant.server.observe.RequestIds;
import dev.sextant.server.security.AccessControl;
import java.time.Clock;
import java.util.Map;

/**
 * Records state changes in the audit log with who made them (the current caller) and the request
 * that did (its id). Before and after states are JSON; "" stands for "did not exist".
 */
public final class AuditTrail {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditLog log;
    private final Clock clock;

    public AuditTrail(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    public void record(String action, String entityType, String entityId, String before, String after) {
        log.append(new AuditEvent(AccessControl.currentPrincipal().name(), action, entityType, entityId, before, after,
                RequestIds.current()), clock.instant());
    }

    /** A state as JSON text. */
    public static String json(Map<String, ?> state) {
        try {
            return JSON.writeValueAsString(state);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Audit state is not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    public AuditLog log() {
        return log;
    }
}
