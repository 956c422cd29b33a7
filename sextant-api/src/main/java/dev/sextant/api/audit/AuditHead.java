package dev.sextant.api.audit;

/** The last entry the log itself recorded appending: finds entries cut from the end of the chain. */
public record AuditHead(long seq, String hash) {
}
