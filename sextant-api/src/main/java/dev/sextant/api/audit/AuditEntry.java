package dev.sextant.api.audit;

import java.time.Instant;

/**
 * An event in the audit log: its position, time, the hash of the entry before it and its own hash
 * (see {@link AuditChain#hash}), so that changing, inserting or removing an entry breaks the chain.
 */
public record AuditEntry(long seq, Instant time, AuditEvent event, String previousHash, String hash) {
}
