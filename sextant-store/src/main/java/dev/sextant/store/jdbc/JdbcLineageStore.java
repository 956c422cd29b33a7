package dev.sextant.store.jdbc;

import dev.sextant.registry.lineage.LineageStore;
import dev.sextant.tracking.Dataset;
import java.util.List;

/** Which runs consumed a dataset version: datasets joined with run inputs and their context tag. */
final class JdbcLineageStore implements LineageStore {
    private final Transactor tx;

    JdbcLineageStore(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public List<DatasetUse> usesOfDataset(String digest) {
        return tx.read(handle -> handle.createQuery("SELECT ri.run_id, d.name, d.digest, d.source_type, d.dataset_source,"
                        + " d.dataset_schema, d.dataset_profile, it.tag_value AS context FROM datasets d"
                        + " JOIN run_inputs ri ON ri.dataset_id = d.dataset_id"
                        + " JOIN runs r ON r.run_id = ri.run_id"
                        + " LEFT JOIN input_tags it ON it.input_id = ri.input_id AND it.tag_key = 'mlflow.data.context'"
                        + " WHERE d.digest = :digest ORDER BY r.start_time, ri.run_id")
                .bind("digest", digest)
                .map((rs, ctx) -> new DatasetUse(rs.getString("run_id"), new Dataset(rs.getString("name"),
                        rs.getString("digest"), rs.getString("source_type"), rs.getString("dataset_source"),
                        rs.getString("dataset_schema"), rs.getString("dataset_profile")),
                        rs.getString("context") == null ? "" : rs.getString("context")))
                .list());
    }
}
