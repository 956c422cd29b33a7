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
 * Adds points to a run's metric series, keeping each series' chunks sorted and non-overlapping.
 * Points that come after everything stored (the usual case) become new chunks, or extend a small
 * last chunk so that one-point-at-a-time logging does not leave one row per point. Points that
 * land inside the stored range are merged into the chunks that cover them; points between
 * chunks become chunks of their own, so the work is bounded by the batch, not the history.
 */
final class SeriesWriter {
    /** A last chunk smaller than this absorbs appends of fewer points than this. */
    private static final int SMALL = 64;
    private static final String SELECT_STATES = "SELECT metric_key, " + SeriesState.COLUMNS
            + " FROM latest_metrics WHERE run_id = ";
    private static final String INSERT_STATE = "INSERT INTO latest_metrics (run_id, metric_key, "
            + SeriesState.COLUMNS + ") VALUES (:run, :key, :step, :ts, :value, :next, :tail, :tailPoints)";
    private static final String UPDATE_STATE = "UPDATE latest_metrics SET step = :step, metric_timestamp = :ts,"
            + " metric_value = :value, next_chunk_seq = :next, tail_chunk_seq = :tail, tail_points = :tailPoints"
            + " WHERE run_id = :run AND metric_key = :key";

    private final Handle handle;
    private final String runId;
    private final MetricChunks chunks;

    private SeriesWriter(Handle handle, String runId) {
        this.handle = handle;
        this.runId = runId;
        this.chunks = new MetricChunks(handle, runId);
    }

    /** Adds the points, grouped by key; each group must be in history order ({@link Points#ORDER}). */
    static void write(Handle handle, String runId, Map<String, List<Metric>> pointsByKey) {
        if (!pointsByKey.isEmpty()) {
            new SeriesWriter(handle, runId).write(pointsByKey);
        }
    }

    private void write(Map<String, List<Metric>> pointsByKey) {
        Map<String, SeriesState> stored = lockStates(List.copyOf(pointsByKey.keySet()));
        Map<String, SeriesState> created = new TreeMap<>();
        Map<String, SeriesState> changed = new TreeMap<>();
        Map<String, List<Metric>> tailAppends = new LinkedHashMap<>();
        pointsByKey.forEach((key, points) -> {
            SeriesState state = stored.get(key);
            Metric last = points.get(points.size() - 1);
            if (state == null) {
                created.put(key, SeriesState.written(last, chunks.add(key, points, 0)));
            } else if (Points.ORDER.compare(points.get(0), state.latest()) < 0) {
                changed.put(key, merge(key, points, state));
            } else if (state.tailSeq() >= 0 && state.tailPoints() < SMALL && points.size() < SMALL) {
                tailAppends.put(key, points);
            } else {
                changed.put(key, SeriesState.written(last, chunks.add(key, points, state.nextSeq())));
            }
        });
        chunks.flush();
        tailAppends.forEach((key, points) -> changed.put(key, appendToTail(key, points, stored.get(key))));
        saveStates(INSERT_STATE, created);
        saveStates(UPDATE_STATE, changed);
    }

    private SeriesState appendToTail(String key, List<Metric> points, SeriesState state) {
        List<Metric> tail = chunks.points(key, List.of(state.tailSeq())).get(state.tailSeq());
        if (tail == null) {
            throw new Transactor.LostRace();
        }
        List<Metric> extended = new ArrayList<>(tail);
        extended.addAll(points);
        chunks.replace(key, state.tailSeq(), extended);
        return new SeriesState(points.get(points.size() - 1), state.nextSeq(), state.tailSeq(), extended.size());
    }

    /** Out-of-order points: merge them into the chunks that cover them, the rest into new chunks. */
    private SeriesState merge(String key, List<Metric> points, SeriesState state) {
        List<Chunk> existing = chunks.chunks(key);
        Map<Long, List<Metric>> into = new LinkedHashMap<>();
        List<List<Metric>> gaps = new ArrayList<>();
        int at = 0;
        int gapAt = -1;
        for (Metric p : points) {
            while (at < existing.size() && Points.ORDER.compare(existing.get(at).last(), p) < 0) {
                at++;
            }
            if (at < existing.size() && existing.get(at).contains(p)) {
                into.computeIfAbsent(existing.get(at).seq(), seq -> new ArrayList<>()).add(p);
            } else {
                if (gapAt != at) {
                    gaps.add(new ArrayList<>());
                    gapAt = at;
                }
                gaps.get(gaps.size() - 1).add(p);
            }
        }
        Map<Long, List<Metric>> covered = into.isEmpty() ? new HashMap<>() : chunks.points(key, into.keySet());
        long next = state.nextSeq();
        for (Map.Entry<Long, List<Metric>> e : into.entrySet()) {
            chunks.delete(key, e.getKey());
            next = chunks.add(key, Points.merge(covered.get(e.getKey()), e.getValue()), next).nextSeq();
        }
        for (List<Metric> gap : gaps) {
            next = chunks.add(key, gap, next).nextSeq();
        }
        chunks.flush();
        // Where the last point now lives is not worth tracking here: appends start a new chunk.
        return new SeriesState(Points.max(state.latest(), points.get(points.size() - 1)), next, -1, 0);
    }

    /** Reads (and locks, so that writers of one series take turns) the stored series of these keys. */
    private Map<String, SeriesState> lockStates(List<String> keys) {
        Map<String, SeriesState> states = new HashMap<>();
        Rows.inChunks(keys, slice -> {
            Sql sql = new Sql();
            sql.add(SELECT_STATES).add(sql.param(runId)).add(" AND metric_key IN (").add(sql.params(slice))
                    .add(") FOR UPDATE");
            return sql.query(handle).map((rs, ctx) -> Map.entry(rs.getString(1), SeriesState.of(rs.getString(1), rs)))
                    .list();
        }).forEach(e -> states.put(e.getKey(), e.getValue()));
        return states;
    }

    private void saveStates(String statement, Map<String, SeriesState> states) {
        if (states.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(statement);
        states.forEach((key, s) -> batch.bind("run", runId).bind("key", key).bind("step", s.latest().step())
                .bind("ts", s.latest().timestamp()).bind("value", s.latest().value()).bind("next", s.nextSeq())
                .bind("tail", s.tailSeq()).bind("tailPoints", s.tailPoints()).add());
        batch.execute();
    }
}
