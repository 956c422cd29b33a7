package dev.sextant.api.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persistence port for API tokens. Implementations commit before returning. */
public interface TokenStore {

    /** A stored token with the SHA-256 of its secret text. */
    record StoredToken(ApiToken token, byte[] secretHash) {
    }

    void insert(ApiToken token, byte[] secretHash);

    Optional<StoredToken> find(String id);

    /** Every token, newest first, revoked and expired ones included. */
    List<ApiToken> list();

    /** Marks the token revoked; false when there is no such token or it already was. */
    boolean revoke(String id, Instant at);
}
