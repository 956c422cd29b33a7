package dev.sextant.store.jdbc;

import dev.sextant.api.security.ApiToken;
import dev.sextant.api.security.Role;
import dev.sextant.api.security.Scope;
import dev.sextant.api.security.TokenStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** API tokens in {@code api_tokens}; scopes are kept as one space-separated column. */
final class JdbcTokenStore implements TokenStore {
    private static final String COLUMNS =
            "token_id, name, role, domain, scopes, secret_hash, created_at, expires_at, revoked_at, created_by";

    private final Transactor tx;

    JdbcTokenStore(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public void insert(ApiToken token, byte[] secretHash) {
        tx.writeVoid(handle -> handle.createUpdate("INSERT INTO api_tokens (" + COLUMNS + ") VALUES (:id, :name, :role,"
                        + " :domain, :scopes, :hash, :created, :expires, NULL, :by)")
                .bind("id", token.id())
                .bind("name", token.name())
                .bind("role", token.role().wire())
                .bind("domain", token.domain())
                .bind("scopes", token.scopes().stream().map(Scope::toString).collect(Collectors.joining(" ")))
                .bind("hash", HexFormat.of().formatHex(secretHash))
                .bind("created", token.createdAt().toEpochMilli())
                .bind("expires", token.expiresAt().toEpochMilli())
                .bind("by", token.createdBy())
                .execute());
    }

    @Override
    public Optional<StoredToken> find(String id) {
        return tx.read(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM api_tokens WHERE token_id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new StoredToken(token(rs), HexFormat.of().parseHex(rs.getString("secret_hash"))))
                .findFirst());
    }

    @Override
    public List<ApiToken> list() {
        return tx.read(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM api_tokens ORDER BY created_at DESC,"
                        + " token_id")
                .map((rs, ctx) -> token(rs))
                .list());
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return tx.write(handle -> handle.createUpdate("UPDATE api_tokens SET revoked_at = :at WHERE token_id = :id"
                        + " AND revoked_at IS NULL")
                .bind("at", at.toEpochMilli())
                .bind("id", id)
                .execute() > 0);
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        long revoked = rs.getLong("revoked_at");
        boolean notRevoked = rs.wasNull();
        String scopes = rs.getString("scopes");
        return new ApiToken(rs.getString("token_id"), rs.getString("name"), Role.parse(rs.getString("role")),
                rs.getString("domain"),
                scopes.isBlank() ? List.of() : Arrays.stream(scopes.split(" ")).map(Scope::parse).toList(),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("expires_at")),
                notRevoked ? Instant.MAX : Instant.ofEpochMilli(revoked), rs.getString("created_by"));
    }
}
