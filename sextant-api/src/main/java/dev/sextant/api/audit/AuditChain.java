package dev.sextant.api.audit;

import dev.sextant.api.audit.AuditFinding.Kind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The hash chain of the audit log. An entry's hash is SHA-256 over its content and the previous
 * entry's hash. The sequence number is deliberately not hashed: the links alone fix the order, so
 * an entry slipped in (and later ones renumbered) is found as an insertion rather than as every
 * later entry looking edited.
 */
public final class AuditChain {
    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String hash(Instant time, AuditEvent event, String previousHash) {
        MessageDigest sha = sha256();
        // Length-prefixed fields, so that no two different entries have the same encoding.
        for (String field : List.of(String.valueOf(time.toEpochMilli()), event.actor(), event.action(),
                event.entityType(), event.entityId(), event.before(), event.after(), event.requestId(), previousHash)) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha.update(bytes);
            sha.update((byte) '\n');
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    public static boolean contentMatches(AuditEntry entry) {
        return hash(entry.time(), entry.event(), entry.previousHash()).equals(entry.hash());
    }

    /** A verifier to feed every entry in sequence order, then {@link Verifier#finish}. */
    public static Verifier verifier() {
        return new Verifier();
    }

    /** Walks the chain once, keeping one entry of look-ahead to tell an inserted entry from a break. */
    public static final class Verifier {
        private final List<AuditFinding> findings = new ArrayList<>();
        private AuditEntry previous;
        private AuditEntry suspect;
        private long count;

        private Verifier() {
        }

        public void accept(AuditEntry entry) {
            count++;
            if (!contentMatches(entry)) {
                findings.add(new AuditFinding(Kind.EDITED, entry.seq(), "Entry " + entry.seq() + " ("
                        + entry.event().action() + " " + entry.event().entityType() + " " + entry.event().entityId()
                        + ") was changed after it was written: its content no longer matches its hash."));
            }
            if (suspect != null) {
                if (entry.previousHash().equals(expectedPrevious())) {
                    // The entry after the suspect chains to the one before it: the suspect does not belong.
                    findings.add(inserted(suspect));
                    suspect = null;
                    previous = entry;
                    return;
                }
                reportBreak(suspect);
                previous = suspect;
                suspect = null;
            }
            if (entry.previousHash().equals(expectedPrevious())) {
                previous = entry;
            } else if (previous != null && entry.previousHash().equals(previous.previousHash())) {
                // Chains to the entry before the previous one: the previous one was slipped in, well-formed.
                findings.add(inserted(previous));
                previous = entry;
            } else {
                suspect = entry;
            }
        }

        private static AuditFinding inserted(AuditEntry entry) {
            return new AuditFinding(Kind.INSERTED, entry.seq(), "Entry " + entry.seq() + " ("
                    + entry.event().action() + " by " + entry.event().actor()
                    + ") was inserted: the entries around it chain to each other, not to it.");
        }

        /** The verdict, checking the end of the chain against the head the log recorded. */
        public AuditVerification finish(Optional<AuditHead> head) {
            if (suspect != null) {
                reportBreak(suspect);
                previous = suspect;
                suspect = null;
            }
            long lastSeq = previous == null ? 0 : previous.seq();
            head.ifPresent(h -> {
                if (h.seq() > lastSeq) {
                    findings.add(new AuditFinding(Kind.DELETED, lastSeq + 1, "Entries " + (lastSeq + 1) + " to " + h.seq()
                            + " were removed from the end of the log (the log recorded appending up to " + h.seq() + ")."));
                } else if (h.seq() < lastSeq) {
                    findings.add(new AuditFinding(Kind.INSERTED, h.seq() + 1, "Entries " + (h.seq() + 1) + " to " + lastSeq
                            + " were added behind the log's back (its last recorded append is " + h.seq() + ")."));
                } else if (previous != null && !previous.hash().equals(h.hash())) {
                    findings.add(new AuditFinding(Kind.EDITED, lastSeq, "Entry " + lastSeq
                            + " is not the entry the log recorded appending last (its hash differs)."));
                }
            });
            return findings.isEmpty() ? new AuditVerification.Intact(count, previous == null ? GENESIS : previous.hash())
                    : new AuditVerification.Broken(count, findings);
        }

        private String expectedPrevious() {
            return previous == null ? GENESIS : previous.hash();
        }

        private void reportBreak(AuditEntry entry) {
            long expectedSeq = previous == null ? 1 : previous.seq() + 1;
            if (entry.seq() > expectedSeq) {
                findings.add(new AuditFinding(Kind.DELETED, expectedSeq, expectedSeq == entry.seq() - 1
                        ? "Entry " + expectedSeq + " was deleted: entry " + entry.seq() + " chains to a missing entry."
                        : "Entries " + expectedSeq + " to " + (entry.seq() - 1) + " were deleted: entry " + entry.seq()
                        + " chains to a missing entry."));
            } else {
                findings.add(new AuditFinding(Kind.BROKEN_LINK, entry.seq(), "Entry " + entry.seq()
                        + " does not chain to entry " + (previous == null ? "(start)" : previous.seq())
                        + ": an entry between them was removed and later ones renumbered, or entry "
                        + (previous == null ? entry.seq() : previous.seq()) + " was rewritten."));
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
