package dev.sextant.store.jdbc;

import dev.sextant.tracking.Metric;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Update;

/**
 * Makes replaying the metric log idempotent without trusting the database to survive a killed
 * process with whole transactions. Every row change an apply makes to chunk rows is stamped with
 * the log offset it applies up to (see {@link MetricChunks}); before the log is replayed from the
 * last offset made durable, {@link #undoBeyond} removes whatever a crash left of later applies and
 * rebuilds the derived state of the series they touched, so the replay writes each point once.
 */
final class MetricLogRecovery {
    private static final String SELECT_DEAD = "SELECT run_id, metric_key, chunk_seq FROM metric_chunks"
            + " WHERE superseded_at <= :offset";
    private static final String DELETE_CHUNK = "DELETE FROM metric_chunks WHERE run_id = :run AND metric_key = :key"
            + " AND chunk_seq = :seq";
    private static final String DELETE_POINTS = "DELETE FROM metric_chunk_points WHERE run_id = :run"
            + " AND metric_key = :key AND chunk_seq = :seq";

    private final Transactor tx;

    MetricLogRecovery(Transactor tx) {
        this.tx = tx;
    }

    /** A series, as the tables key it. */
    record Series(String runId, String key) implements Comparable<Series> {
        @Override
        public int compareTo(Series other) {
            int byRun = runId.compareTo(other.runId);
            return byRun != 0 ? byRun : key.compareTo(other.key);
        }
    }

    /**
     * Undoes every stamped change beyond {@code applied} (an offset whose applies are on disk: the
     * last one made durable), deletes the chunks superseded up to it, and
     * rebuilds the latest_metrics rows of the series that had such changes. Returns those series.
     */
    Set<Series> undoBeyond(long applied) {
        return tx.write(handle -> {
            Set<Series> touched = touchedBeyond(handle, applied);
            if (!touched.isEmpty()) {
                handle.createUpdate("DELETE FROM metric_chunks WHERE log_offset > :offset")
                        .bind("offset", applied).execute();
                handle.createUpdate("DELETE FROM metric_chunk_points WHERE log_offset > :offset")
                        .bind("offset", applied).execute();
                handle.createUpdate("UPDATE metric_chunks SET superseded_at = NULL WHERE superseded_at > :offset")
                        .bind("offset", applied).execute();
            }
            purge(handle, applied);
            touched.forEach(series -> rebuild(handle, series, applied));
            return touched;
        });
    }

    /**
     * Deletes the chunks superseded by applies up to {@code durablyApplied}: those applies are on
     * disk, so no crash can bring the chunks back into use. Returns how many were deleted.
     */
    int purge(long durablyApplied) {
        return tx.writeUnforced(handle -> purge(handle, durablyApplied));
    }

    private static int purge(Handle handle, long durablyApplied) {
        List<Map.Entry<Series, Long>> dead = handle.createQuery(SELECT_DEAD).bind("offset", durablyApplied)
                .map((rs, ctx) -> Map.entry(new Series(rs.getString(1), rs.getString(2)), rs.getLong(3))).list();
        if (dead.isEmpty()) {
            return 0;
        }
        PreparedBatch points = handle.prepareBatch(DELETE_POINTS);
        PreparedBatch chunks = handle.prepareBatch(DELETE_CHUNK);
        for (Map.Entry<Series, Long> chunk : dead) {
            points.bind("run", chunk.getKey().runId()).bind("key", chunk.getKey().key()).bind("seq", chunk.getValue())
                    .add();
            chunks.bind("run", chunk.getKey().runId()).bind("key", chunk.getKey().key()).bind("seq", chunk.getValue())
                    .add();
        }
        points.execute();
        chunks.execute();
        return dead.size();
    }

    /** Series with any row change stamped beyond {@code applied}; one query per index, no OR. */
    private static Set<Series> touchedBeyond(Handle handle, long applied) {
        Set<Series> touched = new TreeSet<>();
        for (String where : List.of("metric_chunks WHERE log_offset > :offset",
                "metric_chunks WHERE superseded_at > :offset",
                "metric_chunk_points WHERE log_offset > :offset",
                "latest_metrics WHERE log_offset > :offset")) {
            handle.createQuery("SELECT DISTINCT run_id, metric_key FROM " + where).bind("offset", applied)
                    .map((rs, ctx) -> new Series(rs.getString(1), rs.getString(2))).forEach(touched::add);
        }
        return touched;
    }

    /** Derives the series' latest_metrics row from its chunks, as an apply up to {@code applied} left it. */
    private static void rebuild(Handle handle, Series series, long applied) {
        List<Chunk> chunks = new MetricChunks(handle, series.runId()).chunks(series.key());
        if (chunks.isEmpty()) {
            handle.createUpdate("DELETE FROM latest_metrics WHERE run_id = :run AND metric_key = :key")
                    .bind("run", series.runId()).bind("key", series.key()).execute();
            return;
        }
        Metric latest = chunks.get(0).last();
        long nextSeq = 0;
        Map<Long, Long> layerSizes = new HashMap<>();
        for (Chunk chunk : chunks) {
            latest = Points.max(latest, chunk.last());
            // A layer is named after its first chunk, so its id is never above its chunks' numbers.
            nextSeq = Math.max(nextSeq, Math.max(chunk.seq(), chunk.layer()) + 1);
            layerSizes.merge(chunk.layer(), (long) chunk.count(), Long::sum);
        }
        // The last chunk is not worth finding: the next append starts a new one (tail -1).
        SeriesState state = new SeriesState(latest, nextSeq, -1, 0, Layers.of(layerSizes));
        int updated = bindState(handle.createUpdate("UPDATE latest_metrics SET step = :step,"
                + " metric_timestamp = :ts, metric_value = :value, next_chunk_seq = :next, tail_chunk_seq = :tail,"
                + " tail_points = :tailPoints, layer_sizes = :layers, log_offset = :offset"
                + " WHERE run_id = :run AND metric_key = :key"), series, state, applied).execute();
        if (updated == 0) {
            bindState(handle.createUpdate("INSERT INTO latest_metrics (run_id, metric_key, experiment_id, "
                    + SeriesState.COLUMNS + ", log_offset) VALUES (:run, :key, " + SeriesWriter.RUN_EXPERIMENT
                    + ", :step, :ts, :value, :next, :tail, :tailPoints, :layers, :offset)"), series, state, applied)
                    .execute();
        }
    }

    private static Update bindState(Update update, Series series, SeriesState s, long applied) {
        return update.bind("run", series.runId()).bind("key", series.key()).bind("step", s.latest().step())
                .bind("ts", s.latest().timestamp()).bind("value", s.latest().value()).bind("next", s.nextSeq())
                .bind("tail", s.tailSeq()).bind("tailPoints", s.tailPoints()).bind("layers", s.layers().encode())
                .bind("offset", applied);
    }
}
