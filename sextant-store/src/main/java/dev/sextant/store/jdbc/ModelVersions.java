package dev.sextant.store.jdbc;

import dev.sextant.registry.FileDigest;
import dev.sextant.registry.ModelContent;
import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.ModelVersionStatus;
import dev.sextant.registry.NewModelVersion;
import dev.sextant.registry.RegistryErrors;
import dev.sextant.registry.Stage;
import dev.sextant.tracking.Tag;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Model versions: numbering, stages, tags and the file digests recorded at registration. */
final class ModelVersions {
    private final Transactor tx;

    ModelVersions(Transactor tx) {
        this.tx = tx;
    }

    ModelVersion create(NewModelVersion version, long now) {
        return tx.write(handle -> {
            long id = RegisteredModels.require(handle, version.name());
            // The update takes the model row's lock until commit: concurrent creates queue here.
            handle.createUpdate("UPDATE registered_models SET last_version = last_version + 1, last_updated_time = :now"
                    + " WHERE model_id = :id").bind("now", now).bind("id", id).execute();
            long number = handle.createQuery("SELECT last_version FROM registered_models WHERE model_id = :id")
                    .bind("id", id).mapTo(Long.class).one();
            insert(handle, id, number, version, now);
            return load(handle, id, number).orElseThrow();
        });
    }

    Optional<ModelVersion> get(String name, long version) {
        return tx.read(handle -> {
            Sql sql = new Sql();
            sql.add("SELECT ").add(VersionLoader.COLUMNS).add(VersionLoader.FROM).add("WHERE rm.name = ")
                    .add(sql.param(name)).add(" AND mv.version = ").add(sql.param(version));
            return VersionLoader.load(handle, sql).stream().findFirst();
        });
    }

    void update(String name, long version, String description, long now) {
        tx.writeVoid(handle -> {
            long id = RegisteredModels.require(handle, name);
            requireVersion(handle, id, name, version);
            handle.createUpdate("UPDATE model_versions SET description = :description, last_updated_time = :now"
                            + " WHERE model_id = :id AND version = :version")
                    .bind("description", description).bind("now", now).bind("id", id).bind("version", version)
                    .execute();
        });
    }

    void transition(String name, long version, Stage stage, boolean archiveExisting, long now) {
        tx.writeVoid(handle -> {
            long id = RegisteredModels.require(handle, name);
            requireVersion(handle, id, name, version);
            if (archiveExisting) {
                handle.createUpdate("UPDATE model_versions SET current_stage = :archived, last_updated_time = :now"
                                + " WHERE model_id = :id AND current_stage = :stage AND version <> :version")
                        .bind("archived", Stage.ARCHIVED.wireName()).bind("now", now).bind("id", id)
                        .bind("stage", stage.wireName()).bind("version", version).execute();
            }
            handle.createUpdate("UPDATE model_versions SET current_stage = :stage, last_updated_time = :now"
                            + " WHERE model_id = :id AND version = :version")
                    .bind("stage", stage.wireName()).bind("now", now).bind("id", id).bind("version", version).execute();
            RegisteredModels.touch(handle, id, now);
        });
    }

    boolean delete(String name, long version) {
        return tx.write(handle -> {
            long id = RegisteredModels.require(handle, name);
            requireVersion(handle, id, name, version);
            if (RegisteredModels.inUse(handle, "model_id = :id AND version = :version",
                    Map.of("id", id, "version", version))) {
                return false;
            }
            for (String table : List.of("model_version_tags", "model_version_files", "model_versions")) {
                handle.createUpdate("DELETE FROM " + table + " WHERE model_id = :id AND version = :version")
                        .bind("id", id).bind("version", version).execute();
            }
            return true;
        });
    }

    List<ModelVersion> latest(String name) {
        return tx.read(handle -> {
            long id = RegisteredModels.require(handle, name);
            return VersionLoader.load(handle, latestPerStage(List.of(id)));
        });
    }

    void setTag(String name, long version, Tag tag) {
        tx.writeVoid(handle -> {
            long id = RegisteredModels.require(handle, name);
            requireVersion(handle, id, name, version);
            handle.createUpdate("DELETE FROM model_version_tags WHERE model_id = :id AND version = :version"
                    + " AND tag_key = :key").bind("id", id).bind("version", version).bind("key", tag.key()).execute();
            handle.createUpdate("INSERT INTO model_version_tags (model_id, version, tag_key, tag_value)"
                            + " VALUES (:id, :version, :key, :value)")
                    .bind("id", id).bind("version", version).bind("key", tag.key()).bind("value", tag.value())
                    .execute();
        });
    }

    void deleteTag(String name, long version, String key) {
        tx.writeVoid(handle -> {
            long id = RegisteredModels.require(handle, name);
            requireVersion(handle, id, name, version);
            handle.createUpdate("DELETE FROM model_version_tags WHERE model_id = :id AND version = :version"
                    + " AND tag_key = :key").bind("id", id).bind("version", version).bind("key", key).execute();
        });
    }

    /** The latest version in each stage of each model, ordered by model and stage. */
    static Sql latestPerStage(List<Long> modelIds) {
        Sql sql = new Sql();
        sql.add("SELECT ").add(VersionLoader.COLUMNS).add(VersionLoader.FROM).add("WHERE mv.model_id IN (")
                .add(sql.params(modelIds)).add(") AND mv.version = (SELECT MAX(v.version) FROM model_versions v"
                        + " WHERE v.model_id = mv.model_id AND v.current_stage = mv.current_stage)"
                        + " ORDER BY mv.model_id, mv.version");
        return sql;
    }

    static void requireVersion(Handle handle, long modelId, String name, long version) {
        boolean exists = handle.createQuery("SELECT COUNT(*) FROM model_versions WHERE model_id = :id AND version = :v")
                .bind("id", modelId).bind("v", version).mapTo(Long.class).one() > 0;
        if (!exists) {
            throw RegistryErrors.versionNotFound(name, version);
        }
    }

    private static Optional<ModelVersion> load(Handle handle, long modelId, long version) {
        Sql sql = new Sql();
        sql.add("SELECT ").add(VersionLoader.COLUMNS).add(VersionLoader.FROM).add("WHERE mv.model_id = ")
                .add(sql.param(modelId)).add(" AND mv.version = ").add(sql.param(version));
        return VersionLoader.load(handle, sql).stream().findFirst();
    }

    private static void insert(Handle handle, long id, long number, NewModelVersion version, long now) {
        ModelContent content = version.content();
        handle.createUpdate("INSERT INTO model_versions (model_id, version, creation_time, last_updated_time,"
                        + " description, user_id, current_stage, source, run_id, run_link, status, status_message,"
                        + " storage_location, package_digest, model_file, signature_inputs, signature_outputs,"
                        + " signature_inferred) VALUES (:id, :version, :now, :now, :description, :user, :stage,"
                        + " :source, :run, :link, :status, '', :location, :digest, :file, :inputs, :outputs, :inferred)")
                .bind("id", id).bind("version", number).bind("now", now).bind("description", version.description())
                .bind("user", version.userId()).bind("stage", Stage.NONE.wireName()).bind("source", version.source())
                .bind("run", version.runId()).bind("link", version.runLink())
                .bind("status", ModelVersionStatus.READY.name()).bind("location", content.storageLocation())
                .bind("digest", content.packageDigest()).bind("file", content.modelFile())
                .bind("inputs", content.signature().inputs()).bind("outputs", content.signature().outputs())
                .bind("inferred", content.signatureInferred()).execute();
        if (!content.files().isEmpty()) {
            PreparedBatch files = handle.prepareBatch("INSERT INTO model_version_files (model_id, version, file_path,"
                    + " sha256, file_size) VALUES (:id, :version, :path, :sha256, :size)");
            for (FileDigest file : content.files()) {
                files.bind("id", id).bind("version", number).bind("path", file.path()).bind("sha256", file.sha256())
                        .bind("size", file.size()).add();
            }
            files.execute();
        }
        if (!version.tags().isEmpty()) {
            PreparedBatch tags = handle.prepareBatch("INSERT INTO model_version_tags (model_id, version, tag_key,"
                    + " tag_value) VALUES (:id, :version, :key, :value)");
            for (Tag tag : version.tags()) {
                tags.bind("id", id).bind("version", number).bind("key", tag.key()).bind("value", tag.value()).add();
            }
            tags.execute();
        }
    }
}
