package dev.sextant.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.api.audit.AuditEntry;
import dev.sextant.api.audit.AuditQuery;
import dev.sextant.api.security.ApiToken;
import dev.sextant.api.security.Principal;
import dev.sextant.api.security.ResourceKind;
import dev.sextant.api.security.Role;
import dev.sextant.api.security.Scope;
import dev.sextant.server.audit.AuditTrail;
import dev.sextant.store.jdbc.MetadataDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checking a caller again later, against tokens as stored in a real (embedded) database. */
class ReauthorizationTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Policy TRAIN = Policy.edit(ResourceKind.EXPERIMENT, Locator.none());
    private static final String ACTION = "training-job.start-refused";

    @TempDir
    Path dir;
    private MetadataDatabase database;
    private Reauthorization reauthorization;

    @BeforeEach
    void open() {
        database = MetadataDatabase.open(MetadataDatabase.embeddedUrl(dir), "", "");
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        reauthorization = new Reauthorization(database.security().tokens(), new AuditTrail(database.security().audit(),
                clock), clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aValidTokenWhoseRoleMayTrainPassesAndNothingIsAudited() {
        Principal alice = stored("tok1", Role.DATA_SCIENTIST, List.of(), NOW.plus(Duration.ofDays(1)));

        reauthorization.require(alice, TRAIN, ACTION, "training-job", "job1");

        assertThat(audited()).isEmpty();
    }

    @Test
    void aRoleThatMayNotTrainIsRefusedAndAudited() {
        Principal viewer = stored("tok2", Role.VIEWER, List.of(), NOW.plus(Duration.ofDays(1)));

        assertThatThrownBy(() -> reauthorization.require(viewer, TRAIN, ACTION, "training-job", "job2"))
                .isInstanceOfSatisfying(SextantException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
                    assertThat(e.getMessage()).contains("tok2", "now has role viewer", "EDIT experiment");
                });
        List<AuditEntry> entries = audited();
        assertThat(entries).hasSize(1);
        assertThat(entries.getFirst().event().action()).isEqualTo(ACTION);
        assertThat(entries.getFirst().event().entityId()).isEqualTo("job2");
        assertThat(entries.getFirst().event().after()).contains("PERMISSION_DENIED", "tok2");
    }

    @Test
    void aTokenLimitedToScopesIsRefused() {
        Principal scoped = stored("tok3", Role.DATA_SCIENTIST, List.of(Scope.parse("predict:churn")),
                NOW.plus(Duration.ofDays(1)));

        assertThatThrownBy(() -> reauthorization.require(scoped, TRAIN, ACTION, "training-job", "job3"))
                .isInstanceOfSatisfying(SextantException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
    }

    @Test
    void revokedExpiredAndUnknownTokensAreUnauthenticated() {
        Principal revoked = stored("tok4", Role.DATA_SCIENTIST, List.of(), NOW.plus(Duration.ofDays(1)));
        database.security().tokens().revoke("tok4", NOW.minusSeconds(5));
        Principal expired = stored("tok5", Role.DATA_SCIENTIST, List.of(), NOW);
        Principal unknown = new Principal("dave", Role.DATA_SCIENTIST, "", List.of(), "tok6");

        assertRefused(revoked, "was revoked at " + NOW.minusSeconds(5));
        assertRefused(expired, "expired at " + NOW);
        assertRefused(unknown, "no longer exists");
        assertThat(audited()).hasSize(3);
    }

    @Test
    void theConfiguredAdminHasNoStoredTokenToCheck() {
        reauthorization.require(new Principal("admin", Role.ADMIN, "", List.of(), ""), TRAIN, ACTION, "training-job",
                "job7");

        assertThat(audited()).isEmpty();
    }

    @Test
    void policiesThatNeedTheRequestCannotBeCheckedLater() {
        Principal alice = new Principal("alice", Role.DATA_SCIENTIST, "", List.of(), "tok1");

        assertThatThrownBy(() -> Reauthorization.admits(alice, Policy.predict(Locator.none())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Reauthorization.admits(alice, Policy.editOrManageWhenSet(ResourceKind.EXPERIMENT,
                Locator.none(), "stage"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Reauthorization.admits(alice, Policy.admin())).isFalse();
        assertThat(Reauthorization.admits(alice, TRAIN)).isTrue();
    }

    private void assertRefused(Principal principal, String reason) {
        assertThatThrownBy(() -> reauthorization.require(principal, TRAIN, ACTION, "training-job", "job"))
                .isInstanceOfSatisfying(SextantException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
                    assertThat(e.getMessage()).contains(principal.tokenId(), reason);
                });
    }

    private Principal stored(String id, Role role, List<Scope> scopes, Instant expires) {
        ApiToken token = new ApiToken(id, "user-" + id, role, "", scopes, NOW.minus(Duration.ofDays(1)), expires,
                Instant.MAX, "admin");
        database.security().tokens().insert(token, new byte[32]);
        return token.principal();
    }

    private List<AuditEntry> audited() {
        return database.security().audit().list(new AuditQuery("training-job", "", "", 0, 100));
    }
}
