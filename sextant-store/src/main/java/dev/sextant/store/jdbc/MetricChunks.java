package dev.sextant.store.jdbc;

import dev.sextant.tracking.Metric;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Reads and writes the chunk rows of one run's metric series. */
final class MetricChunks {
    /** Upper bound of points per chunk: about 100 KB packed. */
    static final int MAX_POINTS = 4096;
    private static final String INSERT = "INSERT INTO metric_chunks (run_id, metric_key, " + Chunk.COLUMNS
            + ", points) VALUES (:run, :key, :seq, :fs, :ft, :fv, :ls, :lt, :lv, :count, :points)";

    private final Handle handle;
    private final String runId;
    private PreparedBatch inserts;

    MetricChunks(Handle handle, String runId) {
        this.handle = handle;
        this.runId = runId;
    }

    /** Where the last piece of a write went, and the next free sequence number. */
    record Written(long nextSeq, long lastSeq, int lastCount) {
    }

    /** Queues {@code points} (in history order) as chunks numbered from {@code firstSeq}. */
    Written add(String key, List<Metric> points, long firstSeq) {
        if (inserts == null) {
            inserts = handle.prepareBatch(INSERT);
        }
        int pieces = (points.size() + MAX_POINTS - 1) / MAX_POINTS;
        int size = (points.size() + pieces - 1) / pieces;
        long seq = firstSeq;
        int lastCount = 0;
        for (int from = 0; from < points.size(); from += size, seq++) {
            List<Metric> piece = points.subList(from, Math.min(points.size(), from + size));
            Metric first = piece.get(0);
            Metric last = piece.get(piece.size() - 1);
            inserts.bind("run", runId).bind("key", key).bind("seq", seq)
                    .bind("fs", first.step()).bind("ft", first.timestamp()).bind("fv", first.value())
                    .bind("ls", last.step()).bind("lt", last.timestamp()).bind("lv", last.value())
                    .bind("count", piece.size()).bind("points", Points.encode(piece)).add();
            lastCount = piece.size();
        }
        return new Written(seq, seq - 1, lastCount);
    }

    void flush() {
        if (inserts != null) {
            inserts.execute();
            inserts = null;
        }
    }

    /** Rewrites a chunk in place with more points at its end. */
    void replace(String key, long seq, List<Metric> points) {
        Metric last = points.get(points.size() - 1);
        int updated = handle.createUpdate("UPDATE metric_chunks SET last_step = :ls, last_timestamp = :lt,"
                        + " last_value = :lv, point_count = :count, points = :points"
                        + " WHERE run_id = :run AND metric_key = :key AND chunk_seq = :seq")
                .bind("ls", last.step()).bind("lt", last.timestamp()).bind("lv", last.value())
                .bind("count", points.size()).bind("points", Points.encode(points))
                .bind("run", runId).bind("key", key).bind("seq", seq).execute();
        requireOne(updated);
    }

    void delete(String key, long seq) {
        requireOne(handle.createUpdate("DELETE FROM metric_chunks WHERE run_id = :run AND metric_key = :key"
                + " AND chunk_seq = :seq").bind("run", runId).bind("key", key).bind("seq", seq).execute());
    }

    /** Every chunk of the series, in point order. */
    List<Chunk> chunks(String key) {
        List<Chunk> chunks = new ArrayList<>(handle.createQuery("SELECT " + Chunk.COLUMNS
                        + " FROM metric_chunks WHERE run_id = :run AND metric_key = :key")
                .bind("run", runId).bind("key", key).map((rs, ctx) -> Chunk.of(key, rs)).list());
        chunks.sort(Chunk.ORDER);
        return chunks;
    }

    /** The points of the given chunks of one series, by sequence number. */
    Map<Long, List<Metric>> points(String key, Collection<Long> seqs) {
        Map<Long, List<Metric>> points = new HashMap<>();
        Rows.inChunks(List.copyOf(seqs), slice -> {
            Sql sql = new Sql();
            sql.add("SELECT chunk_seq, points FROM metric_chunks WHERE run_id = ").add(sql.param(runId))
                    .add(" AND metric_key = ").add(sql.param(key))
                    .add(" AND chunk_seq IN (").add(sql.params(slice)).add(")");
            return sql.query(handle).map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getBytes(2))).list();
        }).forEach(e -> points.put(e.getKey(), Points.decode(key, e.getValue())));
        return points;
    }

    // A chunk read a moment ago is gone: another writer rewrote the series; start over.
    private static void requireOne(int rows) {
        if (rows != 1) {
            throw new Transactor.LostRace();
        }
    }
}
