package dev.sextant.api.audit;

/** One way the audit chain does not hold, naming the entry (or first missing entry) at fault. */
public record AuditFinding(Kind kind, long seq, String message) {

    public enum Kind {
        /** The entry's content no longer matches its hash. */
        EDITED,
        /** The entry was put between two entries that chain to each other. */
        INSERTED,
        /** Entries are missing: a gap in the sequence, or cut from the end. */
        DELETED,
        /** The entry does not chain to the one before it (rewritten or renumbered entries). */
        BROKEN_LINK
    }
}
