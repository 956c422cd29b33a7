package dev.sextant.store.jdbc;

import dev.sextant.registry.RegistryErrors;
import dev.sextant.release.evaluation.Evaluation;
import dev.sextant.release.evaluation.EvaluationJson;
import dev.sextant.release.evaluation.EvaluationStore;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/** Evaluations in {@code evaluations}, each stored whole as JSON. */
final class JdbcEvaluationStore implements EvaluationStore {
    private final Transactor tx;

    JdbcEvaluationStore(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public void save(Evaluation evaluation) {
        tx.writeVoid(handle -> {
            long id = RegisteredModels.require(handle, evaluation.model());
            ModelVersions.requireVersion(handle, id, evaluation.model(), evaluation.version());
            handle.createUpdate("INSERT INTO evaluations (evaluation_id, model_id, version, dataset_sha256, creation_time,"
                            + " result) VALUES (:id, :model, :version, :sha, :time, :result)")
                    .bind("id", evaluation.id()).bind("model", id).bind("version", evaluation.version())
                    .bind("sha", evaluation.dataset().sha256()).bind("time", evaluation.createdAt())
                    .bind("result", EvaluationJson.write(evaluation)).execute();
        });
    }

    @Override
    public Optional<Evaluation> get(String id) {
        return tx.read(handle -> handle.createQuery("SELECT model_id, result FROM evaluations WHERE evaluation_id = :id")
                .bind("id", id).map((rs, ctx) -> read(handle, rs.getLong(1), rs.getString(2))).findOne());
    }

    @Override
    public List<Evaluation> list(String model, OptionalLong version, Optional<String> datasetSha256, int limit) {
        return tx.read(handle -> {
            Optional<Long> id = ModelIds.find(handle, model);
            if (id.isEmpty()) {
                throw RegistryErrors.modelNotFound(model);
            }
            Sql sql = new Sql();
            sql.add("SELECT model_id, result FROM evaluations WHERE model_id = ").add(sql.param(id.get()));
            version.ifPresent(v -> sql.add(" AND version = ").add(sql.param(v)));
            datasetSha256.ifPresent(sha -> sql.add(" AND dataset_sha256 = ").add(sql.param(sha)));
            sql.add(" ORDER BY creation_time DESC, evaluation_id LIMIT ").add(sql.param(limit));
            return sql.query(handle).map((rs, ctx) -> read(handle, rs.getLong(1), rs.getString(2))).list();
        });
    }

    @Override
    public List<Evaluation> onDataset(String datasetSha256, int limit) {
        return tx.read(handle -> handle.createQuery("SELECT model_id, result FROM evaluations WHERE dataset_sha256 = :sha"
                        + " ORDER BY creation_time DESC, evaluation_id LIMIT :limit")
                .bind("sha", datasetSha256).bind("limit", limit)
                .map((rs, ctx) -> read(handle, rs.getLong(1), rs.getString(2))).list());
    }

    private static Evaluation read(Handle handle, long modelId, String json) {
        Evaluation e = EvaluationJson.read(json);
        return new Evaluation(e.id(), ModelIds.name(handle, modelId, e.model()), e.version(), e.dataset(), e.target(),
                e.task(), e.metrics(), e.averaging(), e.slices(), e.robustness(), e.latency(), e.createdAt(), e.createdBy());
    }
}
