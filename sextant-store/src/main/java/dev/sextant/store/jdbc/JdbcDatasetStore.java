package dev.sextant.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.data.read.ColumnHeader;
import dev.sextant.data.read.DataFormat;
import dev.sextant.data.table.ColumnType;
import dev.sextant.data.version.DatasetInfo;
import dev.sextant.data.version.DatasetStore;
import dev.sextant.data.version.DatasetVersion;
import dev.sextant.data.version.NewDatasetVersion;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/**
 * {@link DatasetStore} over Jdbi. A push locks its dataset's row, so pushes to one dataset run one
 * after the other and each sees the version the previous one made; a dataset's first pushes race
 * to insert its row and the losers are retried by the {@link Transactor}.
 */
final class JdbcDatasetStore implements DatasetStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION_COLUMNS = "d.name, v.version, v.sha256, v.size_bytes, v.format, v.row_count,"
            + " v.columns_json, v.created_by, v.creation_time, v.source";
    private static final String VERSIONS = "SELECT " + VERSION_COLUMNS
            + " FROM dataset_versions v JOIN versioned_datasets d ON d.dataset_id = v.dataset_id WHERE d.name = :name";
    private static final String INFO = "SELECT d.name, d.description, d.creation_time, d.created_by,"
            + " (SELECT MAX(v.version) FROM dataset_versions v WHERE v.dataset_id = d.dataset_id) AS latest,"
            + " (SELECT COUNT(*) FROM dataset_versions v WHERE v.dataset_id = d.dataset_id) AS version_count"
            + " FROM versioned_datasets d";

    private final Transactor tx;

    JdbcDatasetStore(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public Pushed push(NewDatasetVersion version, String description) {
        return tx.write(handle -> {
            Optional<Locked> locked = lock(handle, version.name());
            if (locked.isEmpty()) {
                // A concurrent first push inserting the same name fails on the unique name and is retried.
                handle.createUpdate("INSERT INTO versioned_datasets (name, description, last_version, creation_time, created_by)"
                                + " VALUES (:name, :description, 0, :time, :by)")
                        .bind("name", version.name()).bind("description", description)
                        .bind("time", version.createdAt()).bind("by", version.createdBy()).execute();
                locked = lock(handle, version.name());
            }
            Locked dataset = locked.orElseThrow();
            Optional<DatasetVersion> latest = latest(handle, version.name());
            if (latest.isPresent() && latest.get().sha256().equals(version.sha256())) {
                return new Pushed(latest.get(), false);
            }
            long number = dataset.lastVersion() + 1;
            handle.createUpdate("INSERT INTO dataset_versions (dataset_id, version, sha256, size_bytes, format, row_count,"
                            + " columns_json, created_by, creation_time, source) VALUES (:id, :version, :sha256, :size,"
                            + " :format, :rows, :columns, :by, :time, :source)")
                    .bind("id", dataset.id()).bind("version", number).bind("sha256", version.sha256())
                    .bind("size", version.size()).bind("format", version.format().wireName())
                    .bind("rows", version.rows()).bind("columns", columnsJson(version.schema()))
                    .bind("by", version.createdBy()).bind("time", version.createdAt())
                    .bind("source", version.source()).execute();
            handle.createUpdate("UPDATE versioned_datasets SET last_version = :version WHERE dataset_id = :id")
                    .bind("version", number).bind("id", dataset.id()).execute();
            return new Pushed(version.numbered(number), true);
        });
    }

    @Override
    public List<DatasetInfo> list() {
        return tx.read(handle -> handle.createQuery(INFO + " ORDER BY d.name").map((rs, ctx) -> info(rs)).list());
    }

    @Override
    public Optional<DatasetInfo> get(String name) {
        return tx.read(handle -> handle.createQuery(INFO + " WHERE d.name = :name").bind("name", name)
                .map((rs, ctx) -> info(rs)).findOne());
    }

    @Override
    public List<DatasetVersion> versions(String name) {
        return tx.read(handle -> handle.createQuery(VERSIONS + " ORDER BY v.version DESC").bind("name", name)
                .map((rs, ctx) -> version(rs)).list());
    }

    @Override
    public Optional<DatasetVersion> version(String name, long version) {
        return tx.read(handle -> handle.createQuery(VERSIONS + " AND v.version = :version").bind("name", name)
                .bind("version", version).map((rs, ctx) -> version(rs)).findOne());
    }

    @Override
    public Optional<DatasetVersion> latest(String name) {
        return tx.read(handle -> latest(handle, name));
    }

    @Override
    public boolean deleteVersion(String name, long version) {
        return tx.write(handle -> handle.createUpdate("DELETE FROM dataset_versions WHERE version = :version AND"
                        + " dataset_id = (SELECT dataset_id FROM versioned_datasets WHERE name = :name)")
                .bind("name", name).bind("version", version).execute() > 0);
    }

    private record Locked(long id, long lastVersion) {
    }

    private static Optional<Locked> lock(Handle handle, String name) {
        return handle.createQuery("SELECT dataset_id, last_version FROM versioned_datasets WHERE name = :name FOR UPDATE")
                .bind("name", name).map((rs, ctx) -> new Locked(rs.getLong(1), rs.getLong(2))).findOne();
    }

    private static Optional<DatasetVersion> latest(Handle handle, String name) {
        return handle.createQuery(VERSIONS + " ORDER BY v.version DESC LIMIT 1").bind("name", name)
                .map((rs, ctx) -> version(rs)).findOne();
    }

    private static DatasetInfo info(ResultSet rs) throws SQLException {
        long latest = rs.getLong("latest");
        OptionalLong latestVersion = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(latest);
        return new DatasetInfo(rs.getString("name"), rs.getString("description"), rs.getLong("creation_time"),
                rs.getString("created_by"), latestVersion, rs.getLong("version_count"));
    }

    private static DatasetVersion version(ResultSet rs) throws SQLException {
        return new DatasetVersion(rs.getString("name"), rs.getLong("version"), rs.getString("sha256"),
                rs.getLong("size_bytes"), DataFormat.parse(rs.getString("format")), rs.getLong("row_count"),
                columns(rs.getString("columns_json")), rs.getString("created_by"), rs.getLong("creation_time"),
                rs.getString("source"));
    }

    private static String columnsJson(List<ColumnHeader> columns) {
        ArrayNode array = JSON.createArrayNode();
        columns.forEach(c -> array.addObject().put("name", c.name()).put("type", c.type().name()));
        return array.toString();
    }

    private static List<ColumnHeader> columns(String text) {
        try {
            List<ColumnHeader> columns = new ArrayList<>();
            for (JsonNode column : JSON.readTree(text)) {
                columns.add(new ColumnHeader(column.path("name").asText(), ColumnType.valueOf(column.path("type").asText())));
            }
            return columns;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new SextantException(ErrorCode.INTERNAL_ERROR, "A stored dataset schema is unreadable: " + e.getMessage(), e);
        }
    }
}
