package dev.sextant.store.jdbc;

import dev.sextant.registry.RegistryErrors;
import dev.sextant.release.gate.Verdict;
import dev.sextant.release.gate.VerdictJson;
import dev.sextant.release.gate.VerdictStore;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/** Gate verdicts in {@code gate_verdicts}, each stored whole as JSON. */
final class JdbcVerdictStore implements VerdictStore {
    private final Transactor tx;

    JdbcVerdictStore(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public void save(Verdict verdict) {
        Verdict.Facts facts = verdict.facts();
        tx.writeVoid(handle -> {
            long id = RegisteredModels.require(handle, facts.model());
            ModelVersions.requireVersion(handle, id, facts.model(), facts.version());
            handle.createUpdate("INSERT INTO gate_verdicts (verdict_id, model_id, version, target, passed, creation_time,"
                            + " verdict) VALUES (:id, :model, :version, :target, :passed, :time, :verdict)")
                    .bind("id", facts.id()).bind("model", id).bind("version", facts.version()).bind("target", facts.target())
                    .bind("passed", verdict.passed()).bind("time", facts.createdAt())
                    .bind("verdict", VerdictJson.write(verdict)).execute();
        });
    }

    @Override
    public Optional<Verdict> get(String id) {
        return tx.read(handle -> handle.createQuery("SELECT model_id, verdict FROM gate_verdicts WHERE verdict_id = :id")
                .bind("id", id).map((rs, ctx) -> read(handle, rs.getLong(1), rs.getString(2))).findOne());
    }

    @Override
    public List<Verdict> list(String model, OptionalLong version, Optional<String> target, int limit) {
        return tx.read(handle -> {
            long id = ModelIds.find(handle, model).orElseThrow(() -> RegistryErrors.modelNotFound(model));
            Sql sql = new Sql();
            sql.add("SELECT model_id, verdict FROM gate_verdicts WHERE model_id = ").add(sql.param(id));
            version.ifPresent(v -> sql.add(" AND version = ").add(sql.param(v)));
            target.ifPresent(t -> sql.add(" AND target = ").add(sql.param(t)));
            sql.add(" ORDER BY creation_time DESC, verdict_id LIMIT ").add(sql.param(limit));
            return sql.query(handle).map((rs, ctx) -> read(handle, rs.getLong(1), rs.getString(2))).list();
        });
    }

    private static Verdict read(Handle handle, long modelId, String json) {
        Verdict stored = VerdictJson.read(json);
        Verdict.Facts f = stored.facts();
        Verdict.Facts facts = new Verdict.Facts(f.id(), ModelIds.name(handle, modelId, f.model()), f.version(), f.target(),
                f.replaces(), f.evaluationId(), f.policy(), f.createdAt(), f.createdBy());
        return Verdict.of(facts, stored.checks());
    }
}
