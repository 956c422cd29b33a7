package dev.sextant.store.jdbc;

import dev.sextant.tracking.Dataset;
import dev.sextant.tracking.DatasetInput;
import dev.sextant.tracking.Tag;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Datasets (one row per experiment, name and digest) and the runs that used them. */
final class Inputs {
    private final Transactor tx;

    Inputs(Transactor tx) {
        this.tx = tx;
    }

    /** Like MLflow, an input the run already has is left as it is, tags included. */
    void log(String runId, List<DatasetInput> inputs) {
        tx.writeVoid(handle -> {
            long experimentId = Runs.require(handle, runId);
            for (DatasetInput input : inputs) {
                String datasetId = findDataset(handle, experimentId, input.dataset())
                        .orElseGet(() -> insertDataset(handle, experimentId, input.dataset()));
                if (!hasInput(handle, runId, datasetId)) {
                    insertInput(handle, runId, datasetId, input.tags());
                }
            }
        });
    }

    private static Optional<String> findDataset(Handle handle, long experimentId, Dataset dataset) {
        return handle.createQuery("SELECT dataset_id FROM datasets WHERE experiment_id = :e AND name = :name"
                        + " AND digest = :digest")
                .bind("e", experimentId).bind("name", dataset.name()).bind("digest", dataset.digest())
                .mapTo(String.class).findOne();
    }

    private static String insertDataset(Handle handle, long experimentId, Dataset dataset) {
        String id = UUID.randomUUID().toString();
        handle.createUpdate("INSERT INTO datasets (dataset_id, experiment_id, name, digest, source_type,"
                        + " dataset_source, dataset_schema, dataset_profile)"
                        + " VALUES (:id, :e, :name, :digest, :type, :source, :schema, :profile)")
                .bind("id", id).bind("e", experimentId).bind("name", dataset.name())
                .bind("digest", dataset.digest()).bind("type", dataset.sourceType())
                .bind("source", dataset.source()).bind("schema", dataset.schema())
                .bind("profile", dataset.profile()).execute();
        return id;
    }

    private static boolean hasInput(Handle handle, String runId, String datasetId) {
        return handle.createQuery("SELECT COUNT(*) FROM run_inputs WHERE run_id = :run AND dataset_id = :dataset")
                .bind("run", runId).bind("dataset", datasetId).mapTo(Long.class).one() > 0;
    }

    private static void insertInput(Handle handle, String runId, String datasetId, List<Tag> tags) {
        String inputId = UUID.randomUUID().toString();
        handle.createUpdate("INSERT INTO run_inputs (input_id, run_id, dataset_id) VALUES (:id, :run, :dataset)")
                .bind("id", inputId).bind("run", runId).bind("dataset", datasetId).execute();
        Map<String, String> distinct = new TreeMap<>();
        tags.forEach(tag -> distinct.put(tag.key(), tag.value()));
        if (!distinct.isEmpty()) {
            PreparedBatch batch = handle.prepareBatch(
                    "INSERT INTO input_tags (input_id, tag_key, tag_value) VALUES (:id, :key, :value)");
            distinct.forEach((key, value) -> batch.bind("id", inputId).bind("key", key).bind("value", value).add());
            batch.execute();
        }
    }
}
