package dev.sextant.store.jdbc;

import dev.sextant.api.SextantException;
import dev.sextant.tracking.Experiment;
import dev.sextant.tracking.LifecycleStage;
import dev.sextant.tracking.Tag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/** Experiments and their tags. Ids are BIGINT in the database and decimal strings on the API. */
final class Experiments {
    static final long DEFAULT_ID = 0;
    private static final String COLUMNS =
            "experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time";

    private final Transactor tx;

    Experiments(Transactor tx) {
        this.tx = tx;
    }

    String create(String name, String artifactLocation, String defaultArtifactRoot, List<Tag> tags, long now) {
        return tx.write(handle -> {
            if (findIdByName(handle, name).isPresent()) {
                throw duplicateName(name);
            }
            long id = handle.createQuery(tx.dialect().nextExperimentId()).mapTo(Long.class).one();
            String location = artifactLocation.isEmpty() ? defaultArtifactRoot + "/" + id : artifactLocation;
            insert(handle, id, name, location, now);
            tags.forEach(tag -> upsertTag(handle, id, tag));
            return Long.toString(id);
        });
    }

    void ensureDefault(String defaultArtifactRoot, long now) {
        tx.writeVoid(handle -> {
            boolean exists = handle.createQuery("SELECT COUNT(*) FROM experiments WHERE experiment_id = 0")
                    .mapTo(Long.class).one() > 0;
            if (!exists) {
                insert(handle, DEFAULT_ID, "Default", defaultArtifactRoot + "/" + DEFAULT_ID, now);
            }
        });
    }

    Optional<Experiment> get(String experimentId) {
        OptionalLong id = parseId(experimentId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return tx.read(handle -> load(handle, "WHERE experiment_id = :v", id.getAsLong()).stream().findFirst());
    }

    Optional<Experiment> getByName(String name) {
        // Names are unique across active and deleted experiments, so there is at most one.
        return tx.read(handle -> load(handle, "WHERE name = :v", name).stream().findFirst());
    }

    void rename(String experimentId, String newName, long now) {
        tx.writeVoid(handle -> {
            long id = require(handle, experimentId);
            Optional<Long> holder = findIdByName(handle, newName);
            if (holder.isPresent() && holder.get() != id) {
                throw duplicateName(newName);
            }
            handle.createUpdate("UPDATE experiments SET name = :name, last_update_time = :now WHERE experiment_id = :id")
                    .bind("name", newName).bind("now", now).bind("id", id).execute();
        });
    }

    /** Soft delete or restore, cascading to the experiment's runs as MLflow does. */
    void setLifecycle(String experimentId, LifecycleStage stage, long now) {
        tx.writeVoid(handle -> {
            long id = require(handle, experimentId);
            handle.createUpdate("UPDATE experiments SET lifecycle_stage = :stage, last_update_time = :now"
                            + " WHERE experiment_id = :id")
                    .bind("stage", Rows.stage(stage)).bind("now", now).bind("id", id).execute();
            // Restore brings back every run of the experiment, like MLflow's restore_experiment.
            LifecycleStage from = stage == LifecycleStage.DELETED ? LifecycleStage.ACTIVE : LifecycleStage.DELETED;
            handle.createUpdate("UPDATE runs SET lifecycle_stage = :stage, deleted_time = :deleted"
                            + " WHERE experiment_id = :id AND lifecycle_stage = :from")
                    .bind("stage", Rows.stage(stage))
                    .bind("deleted", stage == LifecycleStage.DELETED ? Long.valueOf(now) : null)
                    .bind("id", id).bind("from", Rows.stage(from)).execute();
        });
    }

    void setTag(String experimentId, Tag tag) {
        tx.writeVoid(handle -> upsertTag(handle, require(handle, experimentId), tag));
    }

    void deleteTag(String experimentId, String key) {
        tx.writeVoid(handle -> {
            long id = require(handle, experimentId);
            int deleted = handle.createUpdate("DELETE FROM experiment_tags WHERE experiment_id = :id AND tag_key = :key")
                    .bind("id", id).bind("key", key).execute();
            if (deleted == 0) {
                throw SextantException.notFound("No tag with name: " + key + " in experiment with id " + experimentId);
            }
        });
    }

    /** The experiment's numeric id, or RESOURCE_DOES_NOT_EXIST. */
    static long require(Handle handle, String experimentId) {
        OptionalLong id = parseId(experimentId);
        boolean exists = id.isPresent() && handle.createQuery("SELECT COUNT(*) FROM experiments WHERE experiment_id = :id")
                .bind("id", id.getAsLong()).mapTo(Long.class).one() > 0;
        if (!exists) {
            throw SextantException.notFound("No Experiment with id=" + experimentId + " exists");
        }
        return id.getAsLong();
    }

    static OptionalLong parseId(String experimentId) {
        try {
            return OptionalLong.of(Long.parseLong(experimentId));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Experiments matching a WHERE clause over the experiments table with one parameter :v. */
    static List<Experiment> load(Handle handle, String where, Object value) {
        List<Row> rows = handle.createQuery("SELECT " + COLUMNS + " FROM experiments " + where)
                .bind("v", value).map((rs, ctx) -> Row.of(rs)).list();
        return withTags(handle, rows);
    }

    static List<Experiment> withTags(Handle handle, List<Row> rows) {
        Map<Long, List<Tag>> tags = new HashMap<>();
        List<Long> ids = rows.stream().map(Row::id).toList();
        Rows.inChunks(ids, chunk -> {
            Sql sql = new Sql();
            sql.add("SELECT experiment_id, tag_key, tag_value FROM experiment_tags WHERE experiment_id IN (")
                    .add(sql.params(chunk)).add(") ORDER BY experiment_id, tag_key");
            return sql.query(handle).map((rs, ctx) -> Map.entry(rs.getLong(1), new Tag(rs.getString(2), rs.getString(3))))
                    .list();
        }).forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return rows.stream().map(row -> row.toExperiment(tags.getOrDefault(row.id(), List.of()))).toList();
    }

    private static void insert(Handle handle, long id, String name, String location, long now) {
        handle.createUpdate("INSERT INTO experiments (" + COLUMNS + ") VALUES (:id, :name, :location, :stage, :now, :now)")
                .bind("id", id).bind("name", name).bind("location", location)
                .bind("stage", Rows.stage(LifecycleStage.ACTIVE)).bind("now", now).execute();
    }

    private void upsertTag(Handle handle, long id, Tag tag) {
        handle.createUpdate(tx.dialect().upsertExperimentTag())
                .bind("experiment_id", id).bind("key", tag.key()).bind("value", tag.value()).execute();
    }

    private static Optional<Long> findIdByName(Handle handle, String name) {
        return handle.createQuery("SELECT experiment_id FROM experiments WHERE name = :name")
                .bind("name", name).mapTo(Long.class).findOne();
    }

    private static SextantException duplicateName(String name) {
        // MLflow's wording; the detail is fixed text so that no database message reaches clients.
        return SextantException.alreadyExists("Experiment(name=" + name
                + ") already exists. Error: UNIQUE constraint failed: experiments.name");
    }

    /** One experiments row, before its tags are attached. */
    record Row(long id, String name, String location, LifecycleStage stage, long created, long updated) {
        static Row of(java.sql.ResultSet rs) throws java.sql.SQLException {
            return new Row(rs.getLong("experiment_id"), rs.getString("name"), rs.getString("artifact_location"),
                    Rows.stage(rs.getString("lifecycle_stage")), rs.getLong("creation_time"),
                    rs.getLong("last_update_time"));
        }

        Experiment toExperiment(List<Tag> tags) {
            return new Experiment(Long.toString(id), name, location, stage, created, updated, tags);
        }
    }
}
