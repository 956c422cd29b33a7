package dev.sextant.store.jdbc;

import dev.sextant.api.SextantException;
import dev.sextant.tracking.LifecycleStage;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.RunStatus;
import dev.sextant.tracking.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Run rows and run tags. */
final class Runs {
    /** MLflow keeps the run name both as a column and as this tag; the store keeps them in step. */
    static final String RUN_NAME_TAG = "mlflow.runName";
    private static final int MAX_RUN_ID_LENGTH = 32;

    private final Transactor tx;

    Runs(Transactor tx) {
        this.tx = tx;
    }

    void create(RunInfo info, List<Tag> tags) {
        if (info.runId().isEmpty() || info.runId().length() > MAX_RUN_ID_LENGTH) {
            throw SextantException.invalid("Invalid run id '" + info.runId() + "': at most 32 characters.");
        }
        tx.writeVoid(handle -> {
            long experimentId = Experiments.require(handle, info.experimentId());
            if (findInfo(handle, info.runId()).isPresent()) {
                throw SextantException.alreadyExists("Run with id=" + info.runId() + " already exists");
            }
            String name = info.runName().isEmpty() ? tagValue(tags, RUN_NAME_TAG).orElse("") : info.runName();
            handle.createUpdate("INSERT INTO runs (run_id, experiment_id, run_name, user_id, status, start_time,"
                            + " end_time, artifact_uri, lifecycle_stage) VALUES (:id, :experiment, :name, :user,"
                            + " :status, :start, :end, :uri, :stage)")
                    .bind("id", info.runId()).bind("experiment", experimentId).bind("name", name)
                    .bind("user", info.userId()).bind("status", info.status().name())
                    .bind("start", info.startTime()).bind("end", boxed(info.endTime()))
                    .bind("uri", info.artifactUri()).bind("stage", Rows.stage(info.lifecycleStage())).execute();
            List<Tag> all = new ArrayList<>(tags.stream().filter(t -> !t.key().equals(RUN_NAME_TAG)).toList());
            if (!name.isEmpty()) {
                all.add(new Tag(RUN_NAME_TAG, name));
            }
            upsertTags(handle, tx.dialect(), info.runId(), all);
        });
    }

    Optional<RunInfo> getInfo(String runId) {
        return tx.read(handle -> findInfo(handle, runId));
    }

    /** Sets the status; also the end time when given and the name when not empty. */
    void update(String runId, RunStatus status, OptionalLong endTime, String runName) {
        tx.writeVoid(handle -> {
            Sql sql = new Sql();
            sql.add("UPDATE runs SET status = ").add(sql.param(status.name()));
            endTime.ifPresent(end -> sql.add(", end_time = ").add(sql.param(end)));
            if (!runName.isEmpty()) {
                sql.add(", run_name = ").add(sql.param(runName));
            }
            sql.add(" WHERE run_id = ").add(sql.param(runId));
            if (sql.update(handle).execute() == 0) {
                throw notFound(runId);
            }
            if (!runName.isEmpty()) {
                upsertTags(handle, tx.dialect(), runId, List.of(new Tag(RUN_NAME_TAG, runName)));
            }
        });
    }

    void setLifecycle(String runId, LifecycleStage stage, long now) {
        tx.writeVoid(handle -> {
            int updated = handle.createUpdate("UPDATE runs SET lifecycle_stage = :stage, deleted_time = :deleted"
                            + " WHERE run_id = :id")
                    .bind("stage", Rows.stage(stage))
                    .bind("deleted", stage == LifecycleStage.DELETED ? Long.valueOf(now) : null)
                    .bind("id", runId).execute();
            if (updated == 0) {
                throw notFound(runId);
            }
        });
    }

    void deleteTag(String runId, String key) {
        tx.writeVoid(handle -> {
            require(handle, runId);
            int deleted = handle.createUpdate("DELETE FROM run_tags WHERE run_id = :id AND tag_key = :key")
                    .bind("id", runId).bind("key", key).execute();
            if (deleted == 0) {
                throw SextantException.notFound("No tag with name: " + key + " in run with id " + runId);
            }
        });
    }

    static Optional<RunInfo> findInfo(Handle handle, String runId) {
        return handle.createQuery("SELECT " + Rows.RUN_COLUMNS + " FROM runs r WHERE r.run_id = :id")
                .bind("id", runId).map((rs, ctx) -> Rows.runInfo(rs)).findOne();
    }

    /** The run's experiment id, or RESOURCE_DOES_NOT_EXIST. */
    static long require(Handle handle, String runId) {
        return handle.createQuery("SELECT experiment_id FROM runs WHERE run_id = :id").bind("id", runId)
                .mapTo(Long.class).findOne().orElseThrow(() -> notFound(runId));
    }

    static SextantException notFound(String runId) {
        return SextantException.notFound("Run with id=" + runId + " not found");
    }

    /** Sets tags (last value wins within the list) and mirrors {@code mlflow.runName} into the run. */
    static void upsertTags(Handle handle, Dialect dialect, String runId, List<Tag> tags) {
        if (tags.isEmpty()) {
            return;
        }
        // One row per key (a statement may not upsert a row twice), in key order so that
        // concurrent writers lock rows in the same order.
        Map<String, String> latest = new TreeMap<>();
        tags.forEach(tag -> latest.put(tag.key(), tag.value()));
        PreparedBatch batch = handle.prepareBatch(dialect.upsertRunTag());
        latest.forEach((key, value) -> batch.bind("run_id", runId).bind("key", key).bind("value", value)
                .bind("hash", ValueHash.of(value)).add());
        batch.execute();
        tagValue(tags, RUN_NAME_TAG).ifPresent(name -> handle.createUpdate(
                "UPDATE runs SET run_name = :name WHERE run_id = :id").bind("name", name).bind("id", runId).execute());
    }

    private static Optional<String> tagValue(List<Tag> tags, String key) {
        Optional<String> value = Optional.empty();
        for (Tag tag : tags) {
            if (tag.key().equals(key)) {
                value = Optional.of(tag.value());
            }
        }
        return value;
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
