package dev.sextant.api.audit;

/**
 * One state change as it is recorded: who did what to which entity, its state before and after
 * (JSON text, "" when there is none, e.g. before a creation) and the request that did it.
 *
 * @param action dotted verb, e.g. {@code experiment.create}, {@code token.revoke}
 * @param entityType e.g. {@code experiment}, {@code run}, {@code token}, {@code registered-model}
 */
public record AuditEvent(String actor, String action, String entityType, String entityId, String before,
                         String after, String requestId) {
}
