package dev.sextant.api.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An API token as stored: everything but the secret, of which only a hash is kept.
 *
 * @param id public identifier, also embedded in the token text so it can be looked up
 * @param name the principal the token acts as (several tokens may share one, for rotation)
 * @param revokedAt when it was revoked; {@link Instant#MAX} while it is not
 */
public record ApiToken(String id, String name, Role role, String domain, List<Scope> scopes, Instant createdAt,
                       Instant expiresAt, Instant revokedAt, String createdBy) {

    public ApiToken {
        scopes = List.copyOf(scopes);
    }

    public boolean revoked() {
        return !revokedAt.equals(Instant.MAX);
    }

    public Optional<Instant> revocationTime() {
        return revoked() ? Optional.of(revokedAt) : Optional.empty();
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public Principal principal() {
        return new Principal(name, role, domain, scopes, id);
    }
}
