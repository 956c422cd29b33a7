package dev.sextant.store.jdbc;

import dev.sextant.api.security.Role;
import dev.sextant.registry.RegistryErrors;
import dev.sextant.release.approval.Approval;
import dev.sextant.release.approval.ApprovalStore;
import dev.sextant.release.approval.Decision;
import java.util.List;

/** Approval decisions in {@code approvals}. */
final class JdbcApprovalStore implements ApprovalStore {
    private final Transactor tx;

    JdbcApprovalStore(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public void save(Approval approval) {
        tx.writeVoid(handle -> {
            long id = RegisteredModels.require(handle, approval.model());
            ModelVersions.requireVersion(handle, id, approval.model(), approval.version());
            handle.createUpdate("INSERT INTO approvals (approval_id, model_id, version, target, reviewer, reviewer_role,"
                            + " reviewer_domain, decision, comment_text, creation_time) VALUES (:id, :model, :version,"
                            + " :target, :reviewer, :role, :domain, :decision, :comment, :time)")
                    .bind("id", approval.id()).bind("model", id).bind("version", approval.version())
                    .bind("target", approval.target()).bind("reviewer", approval.reviewer())
                    .bind("role", approval.role().wire()).bind("domain", approval.domain())
                    .bind("decision", approval.decision().name()).bind("comment", approval.comment())
                    .bind("time", approval.createdAt()).execute();
        });
    }

    @Override
    public List<Approval> list(String model, long version, String target) {
        return tx.read(handle -> {
            long id = ModelIds.find(handle, model).orElseThrow(() -> RegistryErrors.modelNotFound(model));
            return handle.createQuery("SELECT approval_id, version, target, reviewer, reviewer_role, reviewer_domain,"
                            + " decision, comment_text, creation_time FROM approvals WHERE model_id = :model"
                            + " AND version = :version AND target = :target ORDER BY creation_time, approval_id")
                    .bind("model", id).bind("version", version).bind("target", target)
                    .map((rs, ctx) -> new Approval(rs.getString(1), model, rs.getLong(2), rs.getString(3), rs.getString(4),
                            Role.parse(rs.getString(5)), rs.getString(6), Decision.valueOf(rs.getString(7)),
                            rs.getString(8), rs.getLong(9))).list();
        });
    }
}
