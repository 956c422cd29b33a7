package dev.sextant.api.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The append-only, hash-chained audit log. Appends are serialised across every server sharing the
 * store, so that each entry chains to the one before it.
 */
public interface AuditLog {

    /** Appends the event at the given time and returns the entry as recorded. */
    AuditEntry append(AuditEvent event, Instant at);

    List<AuditEntry> list(AuditQuery query);

    /** Every entry in sequence order, streamed (the log may be larger than memory). */
    void forEach(Consumer<AuditEntry> sink);

    /** What the log recorded as its last append; empty before the first. */
    Optional<AuditHead> head();
}
