package dev.sextant.store.jdbc;

import dev.sextant.api.security.Grant;
import dev.sextant.api.security.GrantStore;
import dev.sextant.api.security.Permission;
import dev.sextant.api.security.ResourceKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Per-resource grants in {@code resource_grants}. */
final class JdbcGrantStore implements GrantStore {
    private final Transactor tx;

    JdbcGrantStore(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public void put(Grant grant) {
        // Delete and insert in one transaction: the same SQL on both databases, unlike an upsert.
        tx.writeVoid(handle -> {
            delete(handle, grant.principal(), grant.kind(), grant.resourceId());
            handle.createUpdate("INSERT INTO resource_grants (principal, kind, resource_id, permission)"
                            + " VALUES (:principal, :kind, :resource, :permission)")
                    .bind("principal", grant.principal())
                    .bind("kind", grant.kind().wire())
                    .bind("resource", grant.resourceId())
                    .bind("permission", grant.permission().name())
                    .execute();
        });
    }

    @Override
    public boolean remove(String principal, ResourceKind kind, String resourceId) {
        return tx.write(handle -> delete(handle, principal, kind, resourceId) > 0);
    }

    @Override
    public Optional<Grant> find(String principal, ResourceKind kind, String resourceId) {
        return tx.read(handle -> handle.createQuery("SELECT principal, kind, resource_id, permission FROM resource_grants"
                        + " WHERE principal = :principal AND kind = :kind AND resource_id = :resource")
                .bind("principal", principal)
                .bind("kind", kind.wire())
                .bind("resource", resourceId)
                .map((rs, ctx) -> grant(rs))
                .findFirst());
    }

    @Override
    public List<Grant> list(String principal) {
        return tx.read(handle -> {
            var query = handle.createQuery("SELECT principal, kind, resource_id, permission FROM resource_grants"
                    + (principal.isEmpty() ? "" : " WHERE principal = :principal") + " ORDER BY principal, kind, resource_id");
            if (!principal.isEmpty()) {
                query.bind("principal", principal);
            }
            return query.map((rs, ctx) -> grant(rs)).list();
        });
    }

    private static int delete(org.jdbi.v3.core.Handle handle, String principal, ResourceKind kind, String resourceId) {
        return handle.createUpdate("DELETE FROM resource_grants WHERE principal = :principal AND kind = :kind"
                        + " AND resource_id = :resource")
                .bind("principal", principal)
                .bind("kind", kind.wire())
                .bind("resource", resourceId)
                .execute();
    }

    private static Grant grant(ResultSet rs) throws SQLException {
        return new Grant(rs.getString("principal"), ResourceKind.parse(rs.getString("kind")), rs.getString("resource_id"),
                Permission.valueOf(rs.getString("permission")));
    }
}
