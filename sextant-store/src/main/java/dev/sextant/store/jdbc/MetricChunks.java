package dev.sextant.store.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Reads and writes the chunk rows of one run's metric series. Writes that apply the metric log
 * carry the log offset they apply up to: inserted rows are stamped with it, and a replaced chunk
 * is only marked superseded (readers skip it) until {@link MetricLogRecovery#purge} deletes it
 * once that offset is on disk, so a crash can be undone row by row (see V9__metric_log_offsets.sql).
 * Direct writes ({@link #DIRECT}) delete replaced chunks at once.
 */
final class MetricChunks {
    /** Upper bound of points per chunk: about 100 KB packed. */
    static final int MAX_POINTS = 4096;
    /** The log offset of writes that do not come from the metric log. */
    static final long DIRECT = 0;
    /** Chunks that hold points: the rest were replaced by a log apply and wait to be purged. */
    static final String LIVE = "superseded_at IS NULL";
    private static final String INSERT = "INSERT INTO metric_chunks (run_id, metric_key, " + Chunk.COLUMNS
            + ", log_offset) VALUES (:run, :key, :seq, :layer, :fs, :ft, :fv, :ls, :lt, :lv, :count, :offset)";
    private static final String INSERT_POINTS = "INSERT INTO metric_chunk_points (run_id, metric_key, chunk_seq,"
            + " encoding, points, log_offset) VALUES (:run, :key, :seq, " + ChunkCodec.COMPACT + ", :points, :offset)";
    private static final String SUPERSEDE = "UPDATE metric_chunks SET superseded_at = :offset WHERE run_id = :run"
            + " AND metric_key = :key AND chunk_seq = :seq AND " + LIVE;
    private static final String DELETE = "DELETE FROM metric_chunks WHERE run_id = :run AND metric_key = :key"
            + " AND chunk_seq = :seq";
    private static final String DELETE_POINTS = "DELETE FROM metric_chunk_points WHERE run_id = :run"
            + " AND metric_key = :key AND chunk_seq = :seq";
    private static final String RELABEL = "UPDATE metric_chunks SET chunk_layer = :layer"
            + " WHERE run_id = :run AND metric_key = :key AND chunk_seq = :seq";

    private final Handle handle;
    private final String runId;
    private final long logOffset;
    private PreparedBatch inserts;
    private PreparedBatch pointInserts;
    private PreparedBatch deletes;
    private PreparedBatch pointDeletes;
    private PreparedBatch relabels;
    private PreparedBatch supersedes;
    private int superseded;

    /** For reads and direct writes. */
    MetricChunks(Handle handle, String runId) {
        this(handle, runId, DIRECT);
    }

    /** For writes that apply the metric log up to {@code logOffset} ({@link #DIRECT} for others). */
    MetricChunks(Handle handle, String runId, long logOffset) {
        this.handle = handle;
        this.runId = runId;
        this.logOffset = logOffset;
    }

    /** Where the last piece of a write went, and the next free sequence number. */
    record Written(long nextSeq, long lastSeq, int lastCount) {
    }

    /**
     * Queues points {@code [from, to)} (in history order) as chunks of {@code layer} numbered from
     * {@code firstSeq}, in pieces of at most {@link #MAX_POINTS} of about equal size.
     */
    Written add(String key, PointBuffer points, int from, int to, long firstSeq, long layer) {
        int pieces = (to - from + MAX_POINTS - 1) / MAX_POINTS;
        int size = (to - from + pieces - 1) / pieces;
        long seq = firstSeq;
        int lastCount = 0;
        for (int start = from; start < to; start += size, seq++) {
            int end = Math.min(to, start + size);
            insert(key, seq, layer, points, start, end);
            lastCount = end - start;
        }
        return new Written(seq, seq - 1, lastCount);
    }

    Written add(String key, PointBuffer points, long firstSeq, long layer) {
        return add(key, points, 0, points.size(), firstSeq, layer);
    }

    private void insert(String key, long seq, long layer, PointBuffer points, int from, int to) {
        if (inserts == null) {
            inserts = handle.prepareBatch(INSERT);
            pointInserts = handle.prepareBatch(INSERT_POINTS);
        }
        int last = to - 1;
        inserts.bind("run", runId).bind("key", key).bind("seq", seq).bind("layer", layer)
                .bind("fs", points.step(from)).bind("ft", points.timestamp(from))
                .bind("fv", Double.longBitsToDouble(points.bits(from)))
                .bind("ls", points.step(last)).bind("lt", points.timestamp(last))
                .bind("lv", Double.longBitsToDouble(points.bits(last)))
                .bind("count", to - from).bind("offset", logOffset).add();
        pointInserts.bind("run", runId).bind("key", key).bind("seq", seq)
                .bind("points", ChunkCodec.encode(points, from, to)).bind("offset", logOffset).add();
    }

    /** Removes a chunk whose points were written anew; a log apply only marks it superseded. */
    void delete(String key, long seq) {
        if (logOffset != DIRECT) {
            if (supersedes == null) {
                supersedes = handle.prepareBatch(SUPERSEDE);
            }
            supersedes.bind("offset", logOffset).bind("run", runId).bind("key", key).bind("seq", seq).add();
            superseded++;
            return;
        }
        if (deletes == null) {
            deletes = handle.prepareBatch(DELETE);
            pointDeletes = handle.prepareBatch(DELETE_POINTS);
        }
        deletes.bind("run", runId).bind("key", key).bind("seq", seq).add();
        pointDeletes.bind("run", runId).bind("key", key).bind("seq", seq).add();
    }

    /**
     * Moves a chunk to another layer in place. Not undone after a crash, and need not be: a chunk
     * is only moved into a layer none of whose chunks it overlaps, so the layers stay valid.
     */
    void relabel(String key, long seq, long layer) {
        if (relabels == null) {
            relabels = handle.prepareBatch(RELABEL);
        }
        relabels.bind("layer", layer).bind("run", runId).bind("key", key).bind("seq", seq).add();
    }

    /** How many chunks this writer marked superseded (they wait for {@link MetricLogRecovery#purge}). */
    int superseded() {
        return superseded;
    }

    /** Runs the queued inserts, deletes and relabels. */
    void flush() {
        if (inserts != null) {
            inserts.execute();
            pointInserts.execute();
            inserts = null;
            pointInserts = null;
        }
        if (deletes != null) {
            requireOneEach(deletes.execute());
            requireOneEach(pointDeletes.execute());
            deletes = null;
            pointDeletes = null;
        }
        if (supersedes != null) {
            requireOneEach(supersedes.execute());
            supersedes = null;
        }
        if (relabels != null) {
            requireOneEach(relabels.execute());
            relabels = null;
        }
    }

    /** Every chunk of the series, in {@link Chunk#ORDER}. */
    List<Chunk> chunks(String key) {
        List<Chunk> chunks = new ArrayList<>(handle.createQuery("SELECT " + Chunk.COLUMNS
                        + " FROM metric_chunks WHERE run_id = :run AND metric_key = :key AND " + LIVE)
                .bind("run", runId).bind("key", key).map((rs, ctx) -> Chunk.of(key, rs)).list());
        chunks.sort(Chunk.ORDER);
        return chunks;
    }

    /** Points per layer of the series, for series written before layers were tracked. */
    Map<Long, Long> layerSizes(String key) {
        Map<Long, Long> sizes = new HashMap<>();
        handle.createQuery("SELECT chunk_layer, SUM(point_count) FROM metric_chunks WHERE run_id = :run"
                        + " AND metric_key = :key AND " + LIVE + " GROUP BY chunk_layer")
                .bind("run", runId).bind("key", key)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                .forEach(e -> sizes.put(e.getKey(), e.getValue()));
        return sizes;
    }

    /** The points of the given chunks of one series, by sequence number. */
    Map<Long, PointBuffer> points(String key, Collection<Long> seqs) {
        Map<Long, PointBuffer> points = new HashMap<>();
        Rows.inChunks(List.copyOf(seqs), slice -> {
            Sql sql = new Sql();
            sql.add("SELECT chunk_seq, encoding, points FROM metric_chunk_points WHERE run_id = ")
                    .add(sql.param(runId)).add(" AND metric_key = ").add(sql.param(key))
                    .add(" AND chunk_seq IN (").add(sql.params(slice)).add(")");
            return sql.query(handle).map((rs, ctx) -> Map.entry(rs.getLong(1),
                    ChunkCodec.decode(rs.getShort(2), rs.getBytes(3)))).list();
        }).forEach(e -> points.put(e.getKey(), e.getValue()));
        if (points.size() != seqs.size()) {
            throw new Transactor.LostRace(); // a chunk listed a moment ago is gone: another writer rewrote it
        }
        return points;
    }

    // A chunk read a moment ago is gone: another writer rewrote the series; start over.
    private static void requireOneEach(int[] rows) {
        for (int r : rows) {
            if (r != 1) {
                throw new Transactor.LostRace();
            }
        }
    }
}
