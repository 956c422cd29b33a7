package dev.sextant.server.security;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.api.security.ApiToken;
import dev.sextant.api.security.Principal;
import dev.sextant.api.security.Role;
import dev.sextant.api.security.TokenStore;
import dev.sextant.server.audit.AuditTrail;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a request's caller again when work queued for it starts later (a training job): the
 * token may have been revoked or may have expired while the work waited, and the token as stored
 * now must still carry a role that the route's policy admits. The token is read from the store,
 * not from the authenticator's cache, so a revocation through another replica counts at once.
 */
final class Reauthorization {
    private final TokenStore tokens;
    private final AuditTrail audit;
    private final Clock clock;

    Reauthorization(TokenStore tokens, AuditTrail audit, Clock clock) {
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Returns when {@code principal} may still do what {@code policy} admits; otherwise writes the
     * refusal to the audit log as {@code action} on the entity (as the current caller, under the
     * current request) and throws it.
     */
    void require(Principal principal, Policy policy, String action, String entityType, String entityId) {
        Optional<SextantException> refusal = refusal(principal, policy);
        if (refusal.isPresent()) {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("code", refusal.get().code().name());
            state.put("reason", refusal.get().getMessage());
            state.put("token_id", principal.tokenId());
            audit.record(action, entityType, entityId, "", AuditTrail.json(state));
            throw refusal.get();
        }
    }

    private Optional<SextantException> refusal(Principal principal, Policy policy) {
        if (principal.tokenId().isEmpty()) {
            // The configured admin: its token is configuration, which changes only with a restart.
            return Optional.empty();
        }
        String token = "The API token " + principal.tokenId() + " of '" + principal.name() + "'";
        Optional<ApiToken> stored = tokens.find(principal.tokenId()).map(TokenStore.StoredToken::token);
        if (stored.isEmpty()) {
            return Optional.of(unauthenticated(token + " no longer exists."));
        }
        ApiToken now = stored.get();
        Instant at = clock.instant();
        if (now.revoked()) {
            return Optional.of(unauthenticated(token + " was revoked at " + now.revokedAt()
                    + ", after this work was requested."));
        }
        if (now.expired(at)) {
            return Optional.of(unauthenticated(token + " expired at " + now.expiresAt()
                    + ", after this work was requested."));
        }
        if (!admits(now.principal(), policy)) {
            return Optional.of(new SextantException(ErrorCode.PERMISSION_DENIED, token + " now has role "
                    + now.role().wire() + (now.principal().restricted() ? " limited to scopes" : "")
                    + ", which may not do this (" + policy.describe() + ")."));
        }
        return Optional.empty();
    }

    /**
     * The rule of {@link AccessControl#check} for what a role alone admits. Grants on one resource
     * are not consulted: the request that named the resource is gone, so policies that need them
     * cannot be checked later.
     */
    static boolean admits(Principal principal, Policy policy) {
        return switch (policy) {
            case Policy.Open o -> true;
            case Policy.Authenticated a -> true;
            case Policy.Admin a -> !principal.restricted() && principal.role() == Role.ADMIN;
            case Policy.Access access -> !principal.restricted()
                    && principal.role().baseline(access.kind()).includes(access.permission());
            case Policy.Raised r -> throw new IllegalArgumentException("Which of the two permissions of '"
                    + r.describe() + "' a request needed depends on its body; check the one it was admitted under.");
            case Policy.Predict p -> throw new IllegalArgumentException("A predict policy names its deployment "
                    + "in the request and cannot be checked again later.");
            case Policy.Undeclared u -> false;
        };
    }

    private static SextantException unauthenticated(String message) {
        return new SextantException(ErrorCode.UNAUTHENTICATED, message);
    }
}
