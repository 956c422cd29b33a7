package dev.sextant.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.audit.AuditFinding.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static List<AuditEntry> chain(int n) {
        List<AuditEntry> entries = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (int i = 1; i <= n; i++) {
            AuditEntry entry = entry(i, previous, "experiment.update", "{\"name\":\"v" + i + "\"}");
            entries.add(entry);
            previous = entry.hash();
        }
        return entries;
    }

    private static AuditEntry entry(long seq, String previous, String action, String after) {
        Instant time = Instant.ofEpochMilli(1_700_000_000_000L + seq);
        AuditEvent event = new AuditEvent("alice", action, "experiment", "7", "{}", after, "req-" + seq);
        return new AuditEntry(seq, time, event, previous, AuditChain.hash(time, event, previous));
    }

    private static AuditVerification verify(List<AuditEntry> entries, AuditHead head) {
        AuditChain.Verifier verifier = AuditChain.verifier();
        entries.forEach(verifier::accept);
        return verifier.finish(Optional.of(head));
    }

    private static AuditHead head(List<AuditEntry> original) {
        AuditEntry last = original.getLast();
        return new AuditHead(last.seq(), last.hash());
    }

    private static List<AuditFinding> findings(AuditVerification verification) {
        assertThat(verification).isInstanceOf(AuditVerification.Broken.class);
        return ((AuditVerification.Broken) verification).findings();
    }

    @Test
    void anUntouchedChainIsIntact() {
        List<AuditEntry> entries = chain(5);
        assertThat(verify(entries, head(entries))).isEqualTo(new AuditVerification.Intact(5, entries.get(4).hash()));
    }

    @Test
    void anEditedEntryIsNamed() {
        List<AuditEntry> entries = new ArrayList<>(chain(5));
        AuditEntry third = entries.get(2);
        AuditEvent forged = new AuditEvent("mallory", third.event().action(), "experiment", "7", "{}", "{}", "req-3");
        entries.set(2, new AuditEntry(3, third.time(), forged, third.previousHash(), third.hash()));

        assertThat(findings(verify(entries, head(chain(5)))))
                .extracting(AuditFinding::kind, AuditFinding::seq).containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.EDITED, 3L));
    }

    @Test
    void aRehashedEditBreaksTheNextLink() {
        List<AuditEntry> original = chain(5);
        List<AuditEntry> entries = new ArrayList<>(original);
        AuditEntry third = entries.get(2);
        entries.set(2, entry(3, third.previousHash(), "experiment.delete", "{}"));

        List<AuditFinding> findings = findings(verify(entries, head(original)));
        assertThat(findings).extracting(AuditFinding::kind).containsExactly(Kind.BROKEN_LINK);
        assertThat(findings.getFirst().message()).contains("entry 3 was rewritten");
    }

    @Test
    void aDeletedEntryIsNamed() {
        List<AuditEntry> original = chain(5);
        List<AuditEntry> entries = new ArrayList<>(original);
        entries.remove(1);

        List<AuditFinding> findings = findings(verify(entries, head(original)));
        assertThat(findings).extracting(AuditFinding::kind, AuditFinding::seq)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.DELETED, 2L));
    }

    @Test
    void anInsertedEntryIsNamedEvenWhenLaterOnesAreRenumbered() {
        List<AuditEntry> original = chain(5);
        List<AuditEntry> entries = new ArrayList<>();
        for (AuditEntry e : original) {
            long seq = e.seq() <= 2 ? e.seq() : e.seq() + 1;
            entries.add(new AuditEntry(seq, e.time(), e.event(), e.previousHash(), e.hash()));
        }
        // A well-formed entry chained to entry 2, slipped in as the new entry 3.
        entries.add(2, entry(3, original.get(1).hash(), "token.create", "{}"));

        List<AuditFinding> findings = findings(verify(entries, new AuditHead(6, original.getLast().hash())));
        assertThat(findings).extracting(AuditFinding::kind, AuditFinding::seq)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.INSERTED, 3L));
    }

    @Test
    void entriesCutFromTheEndAreFoundThroughTheHead() {
        List<AuditEntry> original = chain(5);
        List<AuditFinding> findings = findings(verify(original.subList(0, 3), head(original)));
        assertThat(findings).extracting(AuditFinding::kind, AuditFinding::seq)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.DELETED, 4L));
    }

    @Test
    void hashesDependOnEveryField() {
        AuditEntry a = entry(1, AuditChain.GENESIS, "x", "{}");
        AuditEvent e = a.event();
        assertThat(AuditChain.hash(a.time(), new AuditEvent(e.actor(), e.action(), e.entityType(), e.entityId(),
                e.before(), e.after(), "other"), a.previousHash())).isNotEqualTo(a.hash());
        assertThat(AuditChain.hash(a.time().plusMillis(1), e, a.previousHash())).isNotEqualTo(a.hash());
        // Moving text from one field to the next changes the hash too.
        assertThat(AuditChain.hash(a.time(), new AuditEvent("ab", "c", "", "", "", "", ""), "0"))
                .isNotEqualTo(AuditChain.hash(a.time(), new AuditEvent("a", "bc", "", "", "", "", ""), "0"));
    }
}
