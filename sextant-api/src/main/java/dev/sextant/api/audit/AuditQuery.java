package dev.sextant.api.audit;

import dev.sextant.api.SextantException;

/**
 * Which entries to list: of one entity type and id (either may be ""), of one actor (""), recorded
 * at or after {@code sinceMillis} and before {@code untilMillis} (epoch milliseconds), with a
 * sequence number above {@code afterSeq} and below {@code beforeSeq}, at most {@code limit}, oldest
 * first unless {@code newestFirst}.
 */
public record AuditQuery(String entityType, String entityId, String actor, long sinceMillis, long untilMillis,
                         long afterSeq, long beforeSeq, boolean newestFirst, int limit) {
    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw SextantException.invalid("Audit queries return between 1 and " + MAX_LIMIT + " entries; "
                    + limit + " was asked for.");
        }
        if (sinceMillis >= untilMillis) {
            throw SextantException.invalid("The audit time range is empty: 'since' must be earlier than 'until'.");
        }
    }

    /** Oldest first, at any time. */
    public AuditQuery(String entityType, String entityId, String actor, long afterSeq, int limit) {
        this(entityType, entityId, actor, Long.MIN_VALUE, Long.MAX_VALUE, afterSeq, Long.MAX_VALUE, false, limit);
    }

    /** The same query limited to entries recorded in [since, until). */
    public AuditQuery during(long since, long until) {
        return new AuditQuery(entityType, entityId, actor, since, until, afterSeq, beforeSeq, newestFirst, limit);
    }

    /** The same query, newest first, below {@code beforeSeq} (the cursor of the page before). */
    public AuditQuery newestFirstBefore(long before) {
        return new AuditQuery(entityType, entityId, actor, sinceMillis, untilMillis, afterSeq, before, true, limit);
    }
}
