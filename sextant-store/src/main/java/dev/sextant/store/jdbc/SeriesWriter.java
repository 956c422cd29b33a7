package dev.sextant.store.jdbc;

import dev.sextant.tracking.Metric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Adds points to a run's metric series. Points that come after everything stored (the usual case)
 * are appended to the base layer: they become new chunks, or extend a small last chunk so that
 * one-point-at-a-time logging does not leave one row per point. Points that land inside the
 * stored range become a new layer, and layers are merged size-tiered (see {@link Layers}), so the
 * work per point stays small however long the history and however the points arrive.
 */
final class SeriesWriter {
    /** A last chunk smaller than this absorbs appends of fewer points than this. */
    private static final int SMALL = 64;
    private static final String SELECT_STATES = "SELECT metric_key, " + SeriesState.COLUMNS
            + " FROM latest_metrics WHERE run_id = ";
    /**
     * The experiment of the run bound as {@code :run}, for new latest_metrics rows: searches walk a
     * metric's values per experiment, and a run of no experiment cannot exist (NULL is refused).
     */
    static final String RUN_EXPERIMENT = "(SELECT r.experiment_id FROM runs r WHERE r.run_id = :run)";
    private static final String INSERT_STATE = "INSERT INTO latest_metrics (run_id, metric_key, experiment_id, "
            + SeriesState.COLUMNS + ", log_offset) VALUES (:run, :key, " + RUN_EXPERIMENT + ", :step, :ts, :value,"
            + " :next, :tail, :tailPoints, :layers, :offset)";
    private static final String UPDATE_STATE = "UPDATE latest_metrics SET step = :step, metric_timestamp = :ts,"
            + " metric_value = :value, next_chunk_seq = :next, tail_chunk_seq = :tail, tail_points = :tailPoints,"
            + " layer_sizes = :layers, log_offset = :offset WHERE run_id = :run AND metric_key = :key";

    private final Handle handle;
    private final String runId;
    private final long logOffset;
    private final MetricChunks chunks;

    private SeriesWriter(Handle handle, String runId, long logOffset) {
        this.handle = handle;
        this.runId = runId;
        this.logOffset = logOffset;
        this.chunks = new MetricChunks(handle, runId, logOffset);
    }

    /** Adds the points, grouped by key in key order; each group must be sorted ({@link PointBuffer#sort}). */
    static void write(Handle handle, String runId, Map<String, PointBuffer> pointsByKey) {
        write(handle, runId, pointsByKey, MetricChunks.DIRECT);
    }

    /**
     * Like {@link #write(Handle, String, Map)}, for points of the metric log applied up to
     * {@code logOffset}. Returns how many chunks it superseded.
     */
    static int write(Handle handle, String runId, Map<String, PointBuffer> pointsByKey, long logOffset) {
        if (pointsByKey.isEmpty()) {
            return 0;
        }
        SeriesWriter writer = new SeriesWriter(handle, runId, logOffset);
        writer.write(pointsByKey);
        return writer.chunks.superseded();
    }

    private void write(Map<String, PointBuffer> pointsByKey) {
        Map<String, SeriesState> stored = lockStates(List.copyOf(pointsByKey.keySet()));
        Map<String, SeriesState> created = new TreeMap<>();
        Map<String, SeriesState> changed = new TreeMap<>();
        Map<String, PointBuffer> tailAppends = new LinkedHashMap<>();
        List<String> inside = new ArrayList<>();
        pointsByKey.forEach((key, points) -> {
            SeriesState state = stored.get(key);
            Metric last = points.metric(key, points.size() - 1);
            if (state == null) {
                created.put(key, SeriesState.written(last, chunks.add(key, points, 0, Layers.BASE),
                        Layers.base(points.size())));
            } else if (points.compare(0, state.latest()) < 0) {
                inside.add(key);
            } else if (state.tailSeq() >= 0 && state.tailPoints() < SMALL && points.size() < SMALL) {
                tailAppends.put(key, points);
            } else {
                changed.put(key, SeriesState.written(last, chunks.add(key, points, state.nextSeq(), Layers.BASE),
                        state.layers().plus(Layers.BASE, points.size())));
            }
        });
        chunks.flush();
        tailAppends.forEach((key, points) -> changed.put(key, appendToTail(key, points, stored.get(key))));
        chunks.flush();
        LayerCompactor compactor = new LayerCompactor(chunks);
        for (String key : inside) {
            changed.put(key, addLayer(key, pointsByKey.get(key), stored.get(key), compactor));
        }
        saveStates(INSERT_STATE, created);
        saveStates(UPDATE_STATE, changed);
    }

    /**
     * The small last chunk and the points become a new chunk that replaces it. Rewriting the chunk
     * in place would be cheaper, but a crash could then leave it holding points of an apply that
     * is replayed (see {@link MetricChunks}).
     */
    private SeriesState appendToTail(String key, PointBuffer points, SeriesState state) {
        PointBuffer tail = chunks.points(key, List.of(state.tailSeq())).get(state.tailSeq());
        for (int i = 0; i < points.size(); i++) {
            tail.add(points, i);
        }
        MetricChunks.Written written = chunks.add(key, tail, state.nextSeq(), Layers.BASE);
        chunks.delete(key, state.tailSeq());
        return SeriesState.written(points.metric(key, points.size() - 1), written,
                state.layers().plus(Layers.BASE, points.size()));
    }

    /** Points inside the stored range: a new layer, then whatever merges the tiers call for. */
    private SeriesState addLayer(String key, PointBuffer points, SeriesState state, LayerCompactor compactor) {
        long layer = state.nextSeq();
        long next = chunks.add(key, points, layer, layer).nextSeq();
        chunks.flush();
        Layers layers = state.layers().plus(layer, points.size());
        for (List<Long> merge = layers.nextMerge(); !merge.isEmpty(); merge = layers.nextMerge()) {
            next = compactor.merge(key, merge, next);
            layers = layers.merged(merge);
        }
        Metric latest = Points.max(state.latest(), points.metric(key, points.size() - 1));
        // Where the last point now lives is not worth tracking here: appends start a new chunk.
        return new SeriesState(latest, next, -1, 0, layers);
    }

    /** Reads (and locks, so that writers of one series take turns) the stored series of these keys. */
    private Map<String, SeriesState> lockStates(List<String> keys) {
        List<String> legacy = new ArrayList<>();
        Map<String, SeriesState> states = new HashMap<>();
        Rows.inChunks(keys, slice -> {
            Sql sql = new Sql();
            sql.add(SELECT_STATES).add(sql.param(runId)).add(" AND metric_key IN (").add(sql.params(slice))
                    .add(") FOR UPDATE");
            return sql.query(handle).map((rs, ctx) -> SeriesState.of(rs.getString(1), rs, key -> {
                legacy.add(key);
                return Layers.base(0);
            })).list();
        }).forEach(state -> states.put(state.latest().key(), state));
        // Series written before layers were tracked: count their chunks once.
        for (String key : legacy) {
            SeriesState s = states.get(key);
            states.put(key, new SeriesState(s.latest(), s.nextSeq(), s.tailSeq(), s.tailPoints(),
                    Layers.of(chunks.layerSizes(key))));
        }
        return states;
    }

    private void saveStates(String statement, Map<String, SeriesState> states) {
        if (states.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(statement);
        states.forEach((key, s) -> batch.bind("run", runId).bind("key", key).bind("step", s.latest().step())
                .bind("ts", s.latest().timestamp()).bind("value", s.latest().value()).bind("next", s.nextSeq())
                .bind("tail", s.tailSeq()).bind("tailPoints", s.tailPoints()).bind("layers", s.layers().encode())
                .bind("offset", logOffset).add());
        batch.execute();
    }
}
