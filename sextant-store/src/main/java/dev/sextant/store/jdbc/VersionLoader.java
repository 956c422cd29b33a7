package dev.sextant.store.jdbc;

import dev.sextant.registry.FileDigest;
import dev.sextant.registry.ModelContent;
import dev.sextant.registry.ModelSignature;
import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.ModelVersionStatus;
import dev.sextant.registry.Stage;
import dev.sextant.tracking.Tag;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Model versions read from their rows plus, in one statement each for a whole page, their tags,
 * aliases and file digests.
 */
final class VersionLoader {
    static final String COLUMNS = "mv.model_id, rm.name, mv.version, mv.creation_time, mv.last_updated_time,"
            + " mv.description, mv.user_id, mv.current_stage, mv.source, mv.run_id, mv.run_link, mv.status,"
            + " mv.status_message, mv.storage_location, mv.package_digest, mv.model_file, mv.signature_inputs,"
            + " mv.signature_outputs, mv.signature_inferred";
    static final String FROM = " FROM model_versions mv JOIN registered_models rm ON rm.model_id = mv.model_id ";

    /** A version's identity in the database. */
    record Key(long modelId, long version) {
    }

    /** One model_versions row before its tags, aliases and files are attached. */
    record Row(Key key, String name, long created, long updated, String description, String userId, Stage stage,
               String source, String runId, String runLink, ModelVersionStatus status, String statusMessage,
               String location, String digest, String modelFile, ModelSignature signature, boolean inferred) {

        static Row of(ResultSet rs) throws SQLException {
            return new Row(new Key(rs.getLong("model_id"), rs.getLong("version")), rs.getString("name"),
                    rs.getLong("creation_time"), rs.getLong("last_updated_time"), rs.getString("description"),
                    rs.getString("user_id"), Stage.ofStored(rs.getString("current_stage")), rs.getString("source"),
                    rs.getString("run_id"), rs.getString("run_link"),
                    ModelVersionStatus.valueOf(rs.getString("status")), rs.getString("status_message"),
                    rs.getString("storage_location"), rs.getString("package_digest"), rs.getString("model_file"),
                    new ModelSignature(rs.getString("signature_inputs"), rs.getString("signature_outputs")),
                    rs.getBoolean("signature_inferred"));
        }
    }

    private VersionLoader() {
    }

    /** The versions selected by {@code sql} (which selects {@link #COLUMNS}), complete, in the same order. */
    static List<ModelVersion> load(Handle handle, Sql sql) {
        return complete(handle, sql.query(handle).map((rs, ctx) -> Row.of(rs)).list());
    }

    static List<ModelVersion> complete(Handle handle, List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Key> keys = rows.stream().map(Row::key).toList();
        Map<Key, List<Tag>> tags = new HashMap<>();
        Map<Key, List<String>> aliases = new HashMap<>();
        Map<Key, List<FileDigest>> files = new HashMap<>();
        for (int from = 0; from < keys.size(); from += Rows.CHUNK) {
            List<Key> chunk = keys.subList(from, Math.min(keys.size(), from + Rows.CHUNK));
            byKeys(handle, "SELECT model_id, version, tag_key, tag_value FROM model_version_tags", chunk,
                    " ORDER BY model_id, version, tag_key")
                    .map((rs, ctx) -> Map.entry(key(rs), new Tag(rs.getString("tag_key"), rs.getString("tag_value"))))
                    .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            byKeys(handle, "SELECT model_id, version, alias FROM registered_model_aliases", chunk,
                    " ORDER BY model_id, version, alias")
                    .map((rs, ctx) -> Map.entry(key(rs), rs.getString("alias")))
                    .forEach(e -> aliases.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            byKeys(handle, "SELECT model_id, version, file_path, sha256, file_size FROM model_version_files", chunk,
                    " ORDER BY model_id, version, file_path")
                    .map((rs, ctx) -> Map.entry(key(rs), new FileDigest(rs.getString("file_path"),
                            rs.getString("sha256"), rs.getLong("file_size"))))
                    .forEach(e -> files.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        }
        return rows.stream().map(row -> new ModelVersion(row.name(), row.key().version(), row.created(), row.updated(),
                row.userId(), row.stage(), row.description(), row.source(), row.runId(), row.runLink(), row.status(),
                row.statusMessage(), tags.getOrDefault(row.key(), List.of()),
                aliases.getOrDefault(row.key(), List.of()),
                new ModelContent(row.location(), row.digest(), row.modelFile(), files.getOrDefault(row.key(), List.of()),
                        row.signature(), row.inferred()))).toList();
    }

    private static Key key(ResultSet rs) throws SQLException {
        return new Key(rs.getLong("model_id"), rs.getLong("version"));
    }

    /** {@code select WHERE (model_id, version) IN (…) order}, every key bound as parameters. */
    private static org.jdbi.v3.core.statement.Query byKeys(Handle handle, String select, List<Key> keys,
                                                           String order) {
        Sql sql = new Sql();
        sql.add(select).add(" WHERE ");
        List<String> terms = new ArrayList<>(keys.size());
        for (Key key : keys) {
            terms.add("(model_id = " + sql.param(key.modelId()) + " AND version = " + sql.param(key.version()) + ")");
        }
        sql.add(String.join(" OR ", terms)).add(order);
        return sql.query(handle);
    }
}
