package dev.sextant.api.audit;

import dev.sextant.api.SextantException;

/**
 * Which entries to list: of one entity type and id (either may be ""), of one actor (""), with
 * a sequence number above {@code afterSeq}, at most {@code limit}, oldest first.
 */
public record AuditQuery(String entityType, String entityId, String actor, long afterSeq, int limit) {
    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw SextantException.invalid("Audit queries return between 1 and " + MAX_LIMIT + " entries; "
                    + limit + " was asked for.");
        }
    }
}
