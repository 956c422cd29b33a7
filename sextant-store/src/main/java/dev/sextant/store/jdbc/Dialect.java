package dev.sextant.store.jdbc;

import dev.sextant.api.SextantException;
import java.util.Locale;
import org.jdbi.v3.core.Handle;

/** The few statements that differ between H2 and PostgreSQL; everything else is shared SQL. */
enum Dialect {
    H2 {
        @Override
        String nextExperimentId() {
            return "SELECT NEXT VALUE FOR experiment_id_seq";
        }

        @Override
        String upsertRunTag() {
            return "MERGE INTO run_tags (run_id, tag_key, tag_value, value_hash) KEY (run_id, tag_key)"
                    + " VALUES (:run_id, :key, :value, :hash)";
        }

        @Override
        void afterWrite(Handle handle) {
            // H2's MVStore writes committed changes to its file up to a second later (WRITE_DELAY);
            // a killed process would lose them. CHECKPOINT writes them now, before the caller is
            // told the change is stored: it stores every change committed so far, whichever
            // session made it, so one CHECKPOINT serves every writer that committed before it
            // (Transactor groups them). WRITE_DELAY=0 would store on every commit but also stops
            // H2's background housekeeping, and the file then grows without bound.
            handle.execute("CHECKPOINT");
        }

        @Override
        String useIndex(String index) {
            return " USE INDEX (" + index + ")";
        }

        @Override
        String upsertExperimentTag() {
            return "MERGE INTO experiment_tags (experiment_id, tag_key, tag_value) KEY (experiment_id, tag_key)"
                    + " VALUES (:experiment_id, :key, :value)";
        }

        @Override
        void tune(Handle handle) {
            // H2 caches 16 MB of pages by default; metric history reads and layer merges go back to
            // the file for pages they wrote moments ago. An eighth of the heap, within bounds.
            long kib = Math.clamp(Runtime.getRuntime().maxMemory() / 8 / 1024, 16 * 1024L, 512 * 1024L);
            handle.execute("SET CACHE_SIZE " + kib);
        }
    },

    POSTGRESQL {
        @Override
        String nextExperimentId() {
            return "SELECT nextval('experiment_id_seq')";
        }

        @Override
        String upsertRunTag() {
            return "INSERT INTO run_tags (run_id, tag_key, tag_value, value_hash) VALUES (:run_id, :key, :value, :hash)"
                    + " ON CONFLICT (run_id, tag_key) DO UPDATE SET tag_value = EXCLUDED.tag_value,"
                    + " value_hash = EXCLUDED.value_hash";
        }

        @Override
        void afterWrite(Handle handle) {
            // Commit is durable on PostgreSQL.
        }

        @Override
        String upsertExperimentTag() {
            return "INSERT INTO experiment_tags (experiment_id, tag_key, tag_value) VALUES (:experiment_id, :key, :value)"
                    + " ON CONFLICT (experiment_id, tag_key) DO UPDATE SET tag_value = EXCLUDED.tag_value";
        }
    };

    /** Next experiment id from the sequence. */
    abstract String nextExperimentId();

    /** Insert-or-replace of a run tag: :run_id, :key, :value, :hash. */
    abstract String upsertRunTag();

    /** Insert-or-replace of an experiment tag: :experiment_id, :key, :value. */
    abstract String upsertExperimentTag();

    /**
     * A table hint that makes the database read the table through {@code index}, placed after the
     * table's alias; empty where the planner needs none. H2 chooses among indexes with equal
     * leading columns without regard to the ORDER BY, and then cannot switch to the one that
     * reads rows in order.
     */
    String useIndex(String index) {
        return "";
    }

    /** Runs after each committed write transaction, before the store returns. */
    abstract void afterWrite(Handle handle);

    /** Adjusts settings of the database when it is opened. */
    void tune(Handle handle) {
        // nothing by default
    }

    static Dialect of(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw SextantException.invalid("Unsupported metadata database URL '" + jdbcUrl
                + "'. Use jdbc:h2:file:<path> (embedded) or jdbc:postgresql://<host>/<database>.");
    }
}
