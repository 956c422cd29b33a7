package dev.sextant.store.jdbc;

import dev.sextant.registry.Alias;
import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.RegisteredModel;
import dev.sextant.registry.RegistryErrors;
import dev.sextant.registry.Stage;
import dev.sextant.tracking.Tag;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/** Registered models, their tags and their aliases. */
final class RegisteredModels {
    static final String COLUMNS = "rm.model_id, rm.name, rm.description, rm.creation_time, rm.last_updated_time";

    private final Transactor tx;

    RegisteredModels(Transactor tx) {
        this.tx = tx;
    }

    void create(String name, String description, List<Tag> tags, long now) {
        tx.writeVoid(handle -> {
            if (findId(handle, name).isPresent()) {
                throw RegistryErrors.modelExists(name);
            }
            long id = handle.createUpdate("INSERT INTO registered_models (name, description, creation_time,"
                            + " last_updated_time, last_version) VALUES (:name, :description, :now, :now, 0)")
                    .bind("name", name).bind("description", description).bind("now", now)
                    .executeAndReturnGeneratedKeys("model_id").mapTo(Long.class).one();
            tags.forEach(tag -> upsertTag(handle, id, tag));
        });
    }

    Optional<RegisteredModel> get(String name) {
        return tx.read(handle -> {
            Sql sql = new Sql();
            sql.add("SELECT ").add(COLUMNS).add(" FROM registered_models rm WHERE rm.name = ").add(sql.param(name));
            return load(handle, sql).stream().findFirst();
        });
    }

    void update(String name, String description, long now) {
        tx.writeVoid(handle -> {
            long id = require(handle, name);
            handle.createUpdate("UPDATE registered_models SET description = :description, last_updated_time = :now"
                            + " WHERE model_id = :id")
                    .bind("description", description).bind("now", now).bind("id", id).execute();
        });
    }

    void rename(String name, String newName, long now) {
        tx.writeVoid(handle -> {
            long id = require(handle, name);
            Optional<Long> holder = findId(handle, newName);
            if (holder.isPresent() && holder.get() != id) {
                throw RegistryErrors.modelExists(newName);
            }
            handle.createUpdate("UPDATE registered_models SET name = :name, last_updated_time = :now WHERE model_id = :id")
                    .bind("name", newName).bind("now", now).bind("id", id).execute();
            handle.createUpdate("UPDATE model_versions SET last_updated_time = :now WHERE model_id = :id")
                    .bind("now", now).bind("id", id).execute();
        });
    }

    boolean delete(String name) {
        return tx.write(handle -> {
            long id = require(handle, name);
            if (inUse(handle, "model_id = :id", Map.of("id", id))) {
                return false;
            }
            for (String table : List.of("registered_model_aliases", "model_version_tags", "model_version_files",
                    "model_versions", "registered_model_tags", "registered_models")) {
                handle.createUpdate("DELETE FROM " + table + " WHERE model_id = :id").bind("id", id).execute();
            }
            return true;
        });
    }

    void setTag(String name, Tag tag) {
        tx.writeVoid(handle -> upsertTag(handle, require(handle, name), tag));
    }

    void deleteTag(String name, String key) {
        tx.writeVoid(handle -> handle.createUpdate("DELETE FROM registered_model_tags WHERE model_id = :id"
                        + " AND tag_key = :key")
                .bind("id", require(handle, name)).bind("key", key).execute());
    }

    void setAlias(String name, String alias, long version, long now) {
        tx.writeVoid(handle -> {
            long id = require(handle, name);
            ModelVersions.requireVersion(handle, id, name, version);
            handle.createUpdate("DELETE FROM registered_model_aliases WHERE model_id = :id AND alias = :alias")
                    .bind("id", id).bind("alias", alias).execute();
            handle.createUpdate("INSERT INTO registered_model_aliases (model_id, alias, version)"
                            + " VALUES (:id, :alias, :version)")
                    .bind("id", id).bind("alias", alias).bind("version", version).execute();
            touch(handle, id, now);
        });
    }

    void deleteAlias(String name, String alias, long now) {
        tx.writeVoid(handle -> {
            long id = require(handle, name);
            int deleted = handle.createUpdate("DELETE FROM registered_model_aliases WHERE model_id = :id AND alias = :alias")
                    .bind("id", id).bind("alias", alias).execute();
            if (deleted > 0) {
                touch(handle, id, now);
            }
        });
    }

    OptionalLong aliasVersion(String name, String alias) {
        return tx.read(handle -> handle.createQuery("SELECT a.version FROM registered_model_aliases a"
                        + " JOIN registered_models rm ON rm.model_id = a.model_id WHERE rm.name = :name AND a.alias = :alias")
                .bind("name", name).bind("alias", alias).mapTo(Long.class).findOne()
                .map(OptionalLong::of).orElse(OptionalLong.empty()));
    }

    /** Models selected by {@code sql} (which selects {@link #COLUMNS}), complete, in the same order. */
    static List<RegisteredModel> load(Handle handle, Sql sql) {
        List<Row> rows = sql.query(handle).map((rs, ctx) -> Row.of(rs)).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(Row::id).toList();
        Map<Long, List<Tag>> tags = new HashMap<>();
        Map<Long, List<Alias>> aliases = new HashMap<>();
        Map<Long, List<ModelVersion>> latest = new HashMap<>();
        for (int from = 0; from < ids.size(); from += Rows.CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + Rows.CHUNK));
            Sql tagSql = new Sql();
            tagSql.add("SELECT model_id, tag_key, tag_value FROM registered_model_tags WHERE model_id IN (")
                    .add(tagSql.params(chunk)).add(") ORDER BY model_id, tag_key");
            tagSql.query(handle).map((rs, ctx) -> Map.entry(rs.getLong(1), new Tag(rs.getString(2), rs.getString(3))))
                    .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            Sql aliasSql = new Sql();
            aliasSql.add("SELECT model_id, alias, version FROM registered_model_aliases WHERE model_id IN (")
                    .add(aliasSql.params(chunk)).add(") ORDER BY model_id, alias");
            aliasSql.query(handle).map((rs, ctx) -> Map.entry(rs.getLong(1), new Alias(rs.getString(2), rs.getLong(3))))
                    .forEach(e -> aliases.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            Sql latestSql = ModelVersions.latestPerStage(chunk);
            List<VersionLoader.Row> latestRows = latestSql.query(handle).map((rs, ctx) -> VersionLoader.Row.of(rs)).list();
            List<ModelVersion> versions = VersionLoader.complete(handle, latestRows);
            for (int i = 0; i < versions.size(); i++) {
                latest.computeIfAbsent(latestRows.get(i).key().modelId(), k -> new ArrayList<>()).add(versions.get(i));
            }
        }
        return rows.stream().map(row -> new RegisteredModel(row.name(), row.created(), row.updated(), row.description(),
                latest.getOrDefault(row.id(), List.of()), tags.getOrDefault(row.id(), List.of()),
                aliases.getOrDefault(row.id(), List.of()))).toList();
    }

    /** The model's id, or RESOURCE_DOES_NOT_EXIST. */
    static long require(Handle handle, String name) {
        return findId(handle, name).orElseThrow(() -> RegistryErrors.modelNotFound(name));
    }

    /** Whether a version matching {@code where} (over model_versions) is in an active stage or has an alias. */
    static boolean inUse(Handle handle, String where, Map<String, Object> values) {
        return handle.createQuery("SELECT COUNT(*) FROM model_versions WHERE " + where + " AND (current_stage IN ("
                        + activeStages() + ") OR EXISTS (SELECT 1 FROM registered_model_aliases a"
                        + " WHERE a.model_id = model_versions.model_id AND a.version = model_versions.version))")
                .bindMap(values).mapTo(Long.class).one() > 0;
    }

    static void touch(Handle handle, long id, long now) {
        handle.createUpdate("UPDATE registered_models SET last_updated_time = :now WHERE model_id = :id")
                .bind("now", now).bind("id", id).execute();
    }

    private static String activeStages() {
        return String.join(", ", Stage.ACTIVE.stream().map(s -> "'" + s.wireName() + "'").toList());
    }

    private static Optional<Long> findId(Handle handle, String name) {
        return handle.createQuery("SELECT model_id FROM registered_models WHERE name = :name")
                .bind("name", name).mapTo(Long.class).findOne();
    }

    private void upsertTag(Handle handle, long id, Tag tag) {
        handle.createUpdate("DELETE FROM registered_model_tags WHERE model_id = :id AND tag_key = :key")
                .bind("id", id).bind("key", tag.key()).execute();
        handle.createUpdate("INSERT INTO registered_model_tags (model_id, tag_key, tag_value) VALUES (:id, :key, :value)")
                .bind("id", id).bind("key", tag.key()).bind("value", tag.value()).execute();
    }

    /** One registered_models row before tags, aliases and latest versions are attached. */
    record Row(long id, String name, String description, long created, long updated) {
        static Row of(ResultSet rs) throws SQLException {
            return new Row(rs.getLong("model_id"), rs.getString("name"), rs.getString("description"),
                    rs.getLong("creation_time"), rs.getLong("last_updated_time"));
        }
    }
}
