package dev.sextant.store.jdbc;

import dev.sextant.registry.RegistryErrors;
import dev.sextant.release.policy.PolicyStore;
import dev.sextant.release.policy.StoredPolicy;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Release policies in {@code release_policies}, keyed by model id (or the server default). */
final class JdbcPolicyStore implements PolicyStore {
    private static final String DEFAULT_KEY = "default";

    private final Transactor tx;

    JdbcPolicyStore(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public void put(StoredPolicy policy) {
        tx.writeVoid(handle -> {
            Optional<Long> model = modelId(handle, policy.model());
            String key = key(model);
            handle.createUpdate("DELETE FROM release_policies WHERE policy_key = :key").bind("key", key).execute();
            handle.createUpdate("INSERT INTO release_policies (policy_key, model_id, policy_text, updated_time, updated_by)"
                            + " VALUES (:key, :model, :text, :time, :by)")
                    .bind("key", key).bind("model", model.orElse(null)).bind("text", policy.text())
                    .bind("time", policy.updatedAt()).bind("by", policy.updatedBy()).execute();
        });
    }

    @Override
    public Optional<StoredPolicy> get(String model) {
        return tx.read(handle -> {
            if (!model.isEmpty() && ModelIds.find(handle, model).isEmpty()) {
                return Optional.empty();
            }
            String key = key(modelId(handle, model));
            return handle.createQuery("SELECT policy_text, updated_time, updated_by FROM release_policies"
                            + " WHERE policy_key = :key").bind("key", key)
                    .map((rs, ctx) -> new StoredPolicy(model, rs.getString(1), rs.getLong(2), rs.getString(3))).findOne();
        });
    }

    @Override
    public boolean delete(String model) {
        return tx.write(handle -> {
            if (!model.isEmpty() && ModelIds.find(handle, model).isEmpty()) {
                return false;
            }
            return handle.createUpdate("DELETE FROM release_policies WHERE policy_key = :key")
                    .bind("key", key(modelId(handle, model))).execute() > 0;
        });
    }

    /** Empty for the server default; the model's id, or RESOURCE_DOES_NOT_EXIST. */
    private static Optional<Long> modelId(Handle handle, String model) {
        if (model.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ModelIds.find(handle, model).orElseThrow(() -> RegistryErrors.modelNotFound(model)));
    }

    private static String key(Optional<Long> model) {
        return model.map(id -> "model:" + id).orElse(DEFAULT_KEY);
    }
}
