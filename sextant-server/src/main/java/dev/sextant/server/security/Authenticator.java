package dev.sextant.server.security;

import dev.sextant.api.security.ApiToken;
import dev.sextant.api.security.Principal;
import dev.sextant.api.security.Role;
import dev.sextant.api.security.TokenStore;
import dev.sextant.server.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns an {@code Authorization} header into a {@link Caller}. Accepts {@code Bearer <token>} and
 * HTTP Basic with the token as password (or as user name when the password is empty), which is how
 * MLflow's clients send MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD. Verified tokens are
 * remembered for a few seconds so a busy client does not cost a database read per request; a
 * revocation through this server takes effect at once, through another replica within that time.
 */
final class Authenticator {
    static final Duration CACHE_TIME = Duration.ofSeconds(5);
    private static final int CACHE_LIMIT = 10_000;
    /** The principal name of the admin configured at start-up. */
    static final String ADMIN_NAME = "admin";

    private final byte[] adminTokenHash;
    private final TokenStore tokens;
    private final Clock clock;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Caller caller, String tokenId, Instant until) {
    }

    Authenticator(Secret adminToken, TokenStore tokens, Clock clock) {
        this.adminTokenHash = adminToken.isEmpty() ? new byte[0] : TokenText.hash(adminToken.reveal());
        this.tokens = tokens;
        this.clock = clock;
    }

    Caller authenticate(Optional<String> authorization) {
        if (authorization.isEmpty() || authorization.get().isBlank()) {
            return new Caller.Anonymous();
        }
        Optional<String> token = credential(authorization.get().trim());
        if (token.isEmpty()) {
            return new Caller.Refused("The Authorization header is neither 'Bearer <token>' nor HTTP Basic with the "
                    + "token as password.");
        }
        byte[] hash = TokenText.hash(token.get());
        String key = HexFormat.of().formatHex(hash);
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.caller();
        }
        Caller caller = verify(token.get(), hash, now);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        String tokenId = caller instanceof Caller.Known known ? known.principal().tokenId() : "";
        cache.put(key, new Cached(caller, tokenId, now.plus(CACHE_TIME)));
        return caller;
    }

    /** Forgets what was remembered about a token, e.g. after revoking it. */
    void forget(String tokenId) {
        cache.values().removeIf(c -> c.tokenId().equals(tokenId));
    }

    private Caller verify(String token, byte[] hash, Instant now) {
        if (adminTokenHash.length > 0 && MessageDigest.isEqual(hash, adminTokenHash)) {
            return new Caller.Known(new Principal(ADMIN_NAME, Role.ADMIN, "", List.of(), ""));
        }
        Optional<String> id = TokenText.id(token);
        Optional<TokenStore.StoredToken> stored = id.flatMap(tokens::find);
        if (stored.isEmpty() || !MessageDigest.isEqual(stored.get().secretHash(), hash)) {
            return new Caller.Refused("The API token is not valid. Check that it was copied whole, or ask an "
                    + "administrator for a new one.");
        }
        ApiToken found = stored.get().token();
        if (found.revoked()) {
            return new Caller.Refused("The API token " + found.id() + " was revoked on " + found.revokedAt()
                    + ". Ask an administrator for a new one.");
        }
        if (found.expired(now)) {
            return new Caller.Refused("The API token " + found.id() + " expired on " + found.expiresAt()
                    + ". Ask an administrator for a new one.");
        }
        return new Caller.Known(found.principal());
    }

    private static Optional<String> credential(String header) {
        int space = header.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = header.substring(0, space);
        String value = header.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer") && !value.isEmpty()) {
            return Optional.of(value);
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            String password = colon < 0 ? "" : decoded.substring(colon + 1);
            String token = password.isEmpty() ? user : password;
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        }
        return Optional.empty();
    }
}
