package dev.sextant.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.sextant.api.audit.AuditChain;
import dev.sextant.api.audit.AuditEntry;
import dev.sextant.api.audit.AuditEvent;
import dev.sextant.api.audit.AuditFinding;
import dev.sextant.api.audit.AuditLog;
import dev.sextant.api.audit.AuditQuery;
import dev.sextant.api.audit.AuditVerification;
import dev.sextant.api.security.ApiToken;
import dev.sextant.api.security.Grant;
import dev.sextant.api.security.Permission;
import dev.sextant.api.security.ResourceKind;
import dev.sextant.api.security.Role;
import dev.sextant.api.security.Scope;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens, grants and the audit chain, run against each database by a subclass. */
public abstract class SecurityStoreContract {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private MetadataDatabase database;

    protected abstract MetadataDatabase openDatabase();

    /** A second, plain JDBC connection to the same database, to tamper with it behind the store's back. */
    protected abstract Connection rawConnection() throws SQLException;

    @BeforeEach
    final void open() {
        database = openDatabase();
    }

    @AfterEach
    final void close() {
        database.close();
    }

    private AuditLog audit() {
        return database.security().audit();
    }

    private void appendFive() {
        for (int i = 1; i <= 5; i++) {
            audit().append(new AuditEvent("alice", "experiment.rename", "experiment", "7", "{\"name\":\"v" + (i - 1) + "\"}",
                    "{\"name\":\"v" + i + "\"}", "req-" + i), T0.plusSeconds(i));
        }
    }

    private AuditVerification verify() {
        AuditChain.Verifier verifier = AuditChain.verifier();
        audit().forEach(verifier::accept);
        return verifier.finish(audit().head());
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    @Test
    void tokensRoundTripAndRevokeOnce() {
        ApiToken token = new ApiToken("abc123", "ci-bot", Role.APPROVER, "compliance",
                List.of(new Scope("predict", "fraud")), T0, T0.plusSeconds(3600), Instant.MAX, "admin");
        database.security().tokens().insert(token, new byte[] {1, 2, 3, (byte) 0xff});

        var stored = database.security().tokens().find("abc123").orElseThrow();
        assertThat(stored.token()).isEqualTo(token);
        assertThat(stored.secretHash()).containsExactly(1, 2, 3, 0xff);
        assertThat(database.security().tokens().revoke("abc123", T0.plusSeconds(5))).isTrue();
        assertThat(database.security().tokens().revoke("abc123", T0.plusSeconds(6))).isFalse();
        assertThat(database.security().tokens().list()).singleElement()
                .satisfies(t -> assertThat(t.revocationTime()).contains(T0.plusSeconds(5)));
        assertThat(database.security().tokens().find("nope")).isEmpty();
    }

    @Test
    void grantsAreReplacedAndRemoved() {
        var grants = database.security().grants();
        grants.put(new Grant("bob", ResourceKind.EXPERIMENT, "7", Permission.READ));
        grants.put(new Grant("bob", ResourceKind.EXPERIMENT, "7", Permission.EDIT));
        grants.put(new Grant("carol", ResourceKind.REGISTERED_MODEL, "churn", Permission.MANAGE));

        assertThat(grants.find("bob", ResourceKind.EXPERIMENT, "7")).map(Grant::permission).contains(Permission.EDIT);
        assertThat(grants.list("")).hasSize(2);
        assertThat(grants.list("carol")).extracting(Grant::resourceId).containsExactly("churn");
        assertThat(grants.remove("bob", ResourceKind.EXPERIMENT, "7")).isTrue();
        assertThat(grants.remove("bob", ResourceKind.EXPERIMENT, "7")).isFalse();
    }

    @Test
    void packageSignaturesAreKeptByDigestOnePerKey() {
        var signatures = database.security().signatures();
        String digest = "sha256:" + "0f".repeat(32);
        signatures.put(new dev.sextant.registry.signing.PackageSignature(digest, "ed25519:aa", "Ed25519", "c2ln", "srv", 1));
        signatures.put(new dev.sextant.registry.signing.PackageSignature(digest, "ed25519:aa", "Ed25519", "bmV3", "srv", 2));
        signatures.put(new dev.sextant.registry.signing.PackageSignature(digest, "ed25519:bb", "Ed25519", "b3Ro", "bob", 3));

        assertThat(signatures.find(digest)).extracting(dev.sextant.registry.signing.PackageSignature::signature)
                .containsExactly("bmV3", "b3Ro");
        assertThat(signatures.find("sha256:other")).isEmpty();
    }

    @Test
    void appendsChainAndQueryByEntity() {
        appendFive();
        audit().append(new AuditEvent("bob", "run.delete", "run", "r1", "{}", "{}", "req-6"), T0.plusSeconds(6));

        assertThat(verify()).isInstanceOf(AuditVerification.Intact.class).extracting(AuditVerification::entries)
                .isEqualTo(6L);
        assertThat(audit().list(new AuditQuery("run", "r1", "", 0, 100))).extracting(e -> e.event().actor())
                .containsExactly("bob");
        assertThat(audit().list(new AuditQuery("experiment", "7", "", 2, 2))).extracting(AuditEntry::seq)
                .containsExactly(3L, 4L);
    }

    @Test
    void queriesByTimeRangeAndNewestFirst() {
        appendFive();
        audit().append(new AuditEvent("bob", "run.delete", "run", "r1", "{}", "{}", "req-6"), T0.plusSeconds(6));
        AuditQuery everything = new AuditQuery("", "", "", 0, 100);
        long second = T0.plusSeconds(2).toEpochMilli();
        long fifth = T0.plusSeconds(5).toEpochMilli();

        // [since, until): the entry at exactly 'until' is left out.
        assertThat(audit().list(everything.during(second, fifth))).extracting(AuditEntry::seq)
                .containsExactly(2L, 3L, 4L);
        assertThat(audit().list(everything.during(fifth, Long.MAX_VALUE))).extracting(AuditEntry::seq)
                .containsExactly(5L, 6L);
        assertThat(audit().list(everything.newestFirstBefore(Long.MAX_VALUE))).extracting(AuditEntry::seq)
                .containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
        // Paging backwards from a cursor, combined with the other filters.
        AuditQuery page = new AuditQuery("experiment", "", "alice", 0, 2).newestFirstBefore(5);
        assertThat(audit().list(page)).extracting(AuditEntry::seq).containsExactly(4L, 3L);
        assertThat(audit().list(page.during(Long.MIN_VALUE, T0.plusSeconds(4).toEpochMilli())))
                .extracting(AuditEntry::seq).containsExactly(3L, 2L);
        assertThatThrownBy(() -> everything.during(fifth, second)).hasMessageContaining("'since' must be earlier");
    }

    @Test
    void editedEntryIsFound() throws SQLException {
        appendFive();
        sql("UPDATE audit_log SET after_state = '{\"name\":\"forged\"}' WHERE seq = 3");

        assertThat(((AuditVerification.Broken) verify()).findings()).extracting(AuditFinding::kind, AuditFinding::seq)
                .containsExactly(tuple(AuditFinding.Kind.EDITED, 3L));
    }

    @Test
    void deletedEntryIsFound() throws SQLException {
        appendFive();
        sql("DELETE FROM audit_log WHERE seq = 2");

        assertThat(((AuditVerification.Broken) verify()).findings()).extracting(AuditFinding::kind, AuditFinding::seq)
                .containsExactly(tuple(AuditFinding.Kind.DELETED, 2L));
    }

    @Test
    void insertedEntryIsFound() throws SQLException {
        appendFive();
        // A forger who can compute hashes: a well-formed entry chained to entry 2, later entries moved up.
        AuditEntry second = audit().list(new AuditQuery("", "", "", 1, 1)).getFirst();
        AuditEvent forged = new AuditEvent("mallory", "token.create", "token", "x", "", "{}", "req-x");
        Instant time = T0.plusSeconds(2);
        sql("UPDATE audit_log SET seq = seq + 100 WHERE seq > 2");
        sql("UPDATE audit_log SET seq = seq - 99 WHERE seq > 100");
        sql("INSERT INTO audit_log VALUES (3, " + time.toEpochMilli() + ", 'mallory', 'token.create', 'token', 'x', '',"
                + " '{}', 'req-x', '" + second.hash() + "', '" + AuditChain.hash(time, forged, second.hash()) + "')");
        sql("UPDATE audit_head SET last_seq = 6");

        assertThat(((AuditVerification.Broken) verify()).findings()).extracting(AuditFinding::kind, AuditFinding::seq)
                .containsExactly(tuple(AuditFinding.Kind.INSERTED, 3L));
    }

    @Test
    void concurrentAppendsFormOneChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<AuditEntry>> futures = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                int n = i;
                futures.add(pool.submit(() -> audit().append(new AuditEvent("w" + n, "experiment.create", "experiment",
                        String.valueOf(n), "", "{}", "req"), T0.plusMillis(n))));
            }
            for (Future<AuditEntry> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(verify()).isInstanceOf(AuditVerification.Intact.class).extracting(AuditVerification::entries)
                .isEqualTo(80L);
    }
}
