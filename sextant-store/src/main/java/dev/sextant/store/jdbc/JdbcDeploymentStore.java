package dev.sextant.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.serving.deployment.Deployment;
import dev.sextant.serving.deployment.DeploymentJson;
import dev.sextant.serving.deployment.DeploymentStore;
import dev.sextant.serving.deployment.ServedVersion;
import dev.sextant.serving.deployment.SpecJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@link DeploymentStore} over Jdbi: one row per deployment plus one per served slot. */
final class JdbcDeploymentStore implements DeploymentStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "name, spec, versions, rollout, generation, creation_time, last_updated_time";

    private final Transactor tx;

    JdbcDeploymentStore(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public boolean create(Deployment deployment) {
        return tx.write(handle -> {
            if (handle.createQuery("SELECT 1 FROM deployments WHERE name = :name").bind("name", deployment.name())
                    .mapTo(Integer.class).findOne().isPresent()) {
                return false;
            }
            handle.createUpdate("INSERT INTO deployments (" + COLUMNS + ") VALUES (:name, :spec, :versions, :rollout,"
                            + " :generation, :created, :updated)")
                    .bind("name", deployment.name())
                    .bind("spec", text(SpecJson.write(deployment.spec())))
                    .bind("versions", text(DeploymentJson.versions(deployment.versions())))
                    .bind("rollout", text(DeploymentJson.rollout(deployment.rollout())))
                    .bind("generation", deployment.generation())
                    .bind("created", deployment.createdAt())
                    .bind("updated", deployment.updatedAt())
                    .execute();
            insertVersions(handle, deployment.name(), deployment.versions());
            return true;
        });
    }

    @Override
    public boolean update(Deployment deployment, long expectedGeneration) {
        return tx.write(handle -> {
            int changed = handle.createUpdate("UPDATE deployments SET spec = :spec, versions = :versions,"
                            + " rollout = :rollout, generation = :generation, last_updated_time = :updated"
                            + " WHERE name = :name AND generation = :expected")
                    .bind("name", deployment.name())
                    .bind("spec", text(SpecJson.write(deployment.spec())))
                    .bind("versions", text(DeploymentJson.versions(deployment.versions())))
                    .bind("rollout", text(DeploymentJson.rollout(deployment.rollout())))
                    .bind("generation", deployment.generation())
                    .bind("updated", deployment.updatedAt())
                    .bind("expected", expectedGeneration)
                    .execute();
            if (changed == 0) {
                return false;
            }
            handle.createUpdate("DELETE FROM deployment_versions WHERE deployment_name = :name")
                    .bind("name", deployment.name()).execute();
            insertVersions(handle, deployment.name(), deployment.versions());
            return true;
        });
    }

    @Override
    public Optional<Deployment> get(String name) {
        return tx.read(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM deployments WHERE name = :name")
                .bind("name", name).map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public List<Deployment> list() {
        return tx.read(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM deployments ORDER BY name")
                .map((rs, ctx) -> row(rs)).list());
    }

    @Override
    public boolean delete(String name) {
        return tx.write(handle -> {
            handle.createUpdate("DELETE FROM deployment_versions WHERE deployment_name = :name").bind("name", name)
                    .execute();
            return handle.createUpdate("DELETE FROM deployments WHERE name = :name").bind("name", name).execute() > 0;
        });
    }

    @Override
    public List<String> servingVersion(String modelName, long version) {
        return tx.read(handle -> handle.createQuery("SELECT DISTINCT deployment_name FROM deployment_versions"
                        + " WHERE model_name = :model AND model_version = :version ORDER BY deployment_name")
                .bind("model", modelName).bind("version", version).mapTo(String.class).list());
    }

    private static void insertVersions(Handle handle, String name, Map<String, ServedVersion> versions) {
        versions.forEach((slot, version) -> handle.createUpdate("INSERT INTO deployment_versions (deployment_name,"
                        + " slot, model_name, model_version) VALUES (:name, :slot, :model, :version)")
                .bind("name", name).bind("slot", slot).bind("model", version.modelName())
                .bind("version", version.version()).execute());
    }

    private static Deployment row(ResultSet rs) throws SQLException {
        return DeploymentJson.read(parse(rs.getString("spec")), parse(rs.getString("versions")),
                parse(rs.getString("rollout")), rs.getLong("generation"), rs.getLong("creation_time"),
                rs.getLong("last_updated_time"));
    }

    private static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SextantException(ErrorCode.INVALID_STATE, "A stored deployment is not valid JSON: " + e.getMessage(), e);
        }
    }
}
