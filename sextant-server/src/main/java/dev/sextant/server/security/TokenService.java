package dev.sextant.server.security;

import dev.sextant.api.SextantException;
import dev.sextant.api.security.ApiToken;
import dev.sextant.api.security.Role;
import dev.sextant.api.security.Scope;
import dev.sextant.api.security.TokenStore;
import dev.sextant.server.audit.AuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.random.RandomGenerator;

/** Issues and revokes API tokens; each change is audited (never with the secret). */
final class TokenService {
    static final int DEFAULT_DAYS = 90;
    static final int MAX_DAYS = 3650;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@+-]{0,199}");

    private final TokenStore tokens;
    private final Authenticator authenticator;
    private final AuditTrail audit;
    private final Clock clock;
    private final RandomGenerator random;

    /** A token as issued: its record and the secret text, which is never shown again. */
    record Issued(ApiToken token, String secret) {
    }

    TokenService(TokenStore tokens, Authenticator authenticator, AuditTrail audit, Clock clock, RandomGenerator random) {
        this.tokens = tokens;
        this.authenticator = authenticator;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
    }

    Issued create(String name, Role role, String domain, List<Scope> scopes, int days, String createdBy) {
        if (!NAME.matcher(name).matches()) {
            throw SextantException.invalid("Token name '" + name + "' must be 1 to 200 letters, digits or _.@+- and "
                    + "start with a letter or digit; it names who uses the token, e.g. ci-pipeline or alice.");
        }
        if (role == Role.APPROVER && domain.isBlank()) {
            throw SextantException.invalid("Approver tokens need the domain they approve for, e.g. domain=compliance.");
        }
        if (role != Role.APPROVER && !domain.isBlank()) {
            throw SextantException.invalid("Only approver tokens carry a domain; '" + role.wire() + "' does not.");
        }
        if (days < 1 || days > MAX_DAYS) {
            throw SextantException.invalid("Token lifetime must be between 1 and " + MAX_DAYS + " days; " + days
                    + " was asked for.");
        }
        Instant now = clock.instant();
        TokenText.Issued text = TokenText.issue(random);
        ApiToken token = new ApiToken(text.id(), name, role, domain.trim(), scopes, now,
                now.plus(Duration.ofDays(days)), Instant.MAX, createdBy);
        tokens.insert(token, TokenText.hash(text.text()));
        audit.record("token.create", "token", token.id(), "", AuditTrail.json(describe(token)));
        return new Issued(token, text.text());
    }

    List<ApiToken> list() {
        return tokens.list();
    }

    void revoke(String id) {
        ApiToken token = tokens.find(id).orElseThrow(() -> SextantException.notFound("No API token with id '" + id
                + "'. List them with 'sextant tokens list'.")).token();
        if (tokens.revoke(id, clock.instant())) {
            audit.record("token.revoke", "token", id, AuditTrail.json(describe(token)),
                    AuditTrail.json(describe(tokens.find(id).orElseThrow().token())));
        }
        authenticator.forget(id);
    }

    static Map<String, Object> describe(ApiToken token) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", token.id());
        out.put("name", token.name());
        out.put("role", token.role().wire());
        if (!token.domain().isEmpty()) {
            out.put("domain", token.domain());
        }
        out.put("scopes", token.scopes().stream().map(Scope::toString).toList());
        out.put("created_at", token.createdAt().toString());
        out.put("expires_at", token.expiresAt().toString());
        token.revocationTime().ifPresent(t -> out.put("revoked_at", t.toString()));
        out.put("created_by", token.createdBy());
        return out;
    }
}
