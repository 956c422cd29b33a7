package dev.sextant.store.jdbc;

import dev.sextant.api.SextantException;
import dev.sextant.tracking.MetricBatch;
import dev.sextant.tracking.Param;
import dev.sextant.tracking.Tag;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * log-batch in one transaction: params first (a conflicting param aborts before anything is
 * written), then the metric points per series (see {@link SeriesWriter}), then tags.
 */
final class BatchLogger {
    private static final String INSERT_PARAM = "INSERT INTO params (run_id, param_key, param_value, value_hash)"
            + " VALUES (:run_id, :key, :value, :hash)";

    private final Transactor tx;

    BatchLogger(Transactor tx) {
        this.tx = tx;
    }

    void log(String runId, MetricBatch metrics, List<Param> params, List<Tag> tags) {
        Map<String, String> newParams = distinctParams(runId, params);
        Map<String, PointBuffer> series = bySeries(metrics);
        tx.writeVoid(handle -> {
            Runs.require(handle, runId);
            writeParams(handle, runId, newParams);
            SeriesWriter.write(handle, runId, series);
            Runs.upsertTags(handle, tx.dialect(), runId, tags);
        });
    }

    private static void writeParams(Handle handle, String runId, Map<String, String> params) {
        if (params.isEmpty()) {
            return;
        }
        Map<String, String> missing = new TreeMap<>(params);
        Rows.inChunks(List.copyOf(params.keySet()), keys -> {
            Sql sql = new Sql();
            sql.add("SELECT param_key, param_value FROM params WHERE run_id = ").add(sql.param(runId))
                    .add(" AND param_key IN (").add(sql.params(keys)).add(")");
            return sql.query(handle).map((rs, ctx) -> new Param(rs.getString(1), rs.getString(2))).list();
        }).forEach(stored -> {
            String attempted = missing.remove(stored.key());
            if (!stored.value().equals(attempted)) {
                throw changedParam(runId, stored.key(), stored.value(), attempted);
            }
        });
        if (!missing.isEmpty()) {
            PreparedBatch batch = handle.prepareBatch(INSERT_PARAM);
            missing.forEach((key, value) -> batch.bind("run_id", runId).bind("key", key).bind("value", value)
                    .bind("hash", ValueHash.of(value)).add());
            batch.execute();
        }
    }

    /** Points grouped by key in key order (so that writers lock series alike), each in history order. */
    static Map<String, PointBuffer> bySeries(MetricBatch metrics) {
        PointBuffer[] byIndex = new PointBuffer[metrics.keyCount()];
        for (int i = 0; i < metrics.size(); i++) {
            int key = metrics.keyIndex(i);
            if (byIndex[key] == null) {
                byIndex[key] = new PointBuffer(Math.min(metrics.size(), 64));
            }
            byIndex[key].add(metrics.step(i), metrics.timestamp(i), Double.doubleToRawLongBits(metrics.value(i)));
        }
        Map<String, PointBuffer> series = new TreeMap<>();
        for (int key = 0; key < byIndex.length; key++) {
            byIndex[key].sort();
            series.put(metrics.distinctKey(key), byIndex[key]);
        }
        return series;
    }

    /** Params by key; the same key twice with different values is the same mistake as changing it. */
    private static Map<String, String> distinctParams(String runId, List<Param> params) {
        Map<String, String> distinct = new TreeMap<>();
        for (Param p : params) {
            String earlier = distinct.putIfAbsent(p.key(), p.value());
            if (earlier != null && !earlier.equals(p.value())) {
                throw changedParam(runId, p.key(), earlier, p.value());
            }
        }
        return distinct;
    }

    private static SextantException changedParam(String runId, String key, String stored, String attempted) {
        return SextantException.invalid("Changing param values is not allowed. Param with key='" + key
                + "' was already logged with value='" + stored + "' for run ID='" + runId
                + "'. Attempted logging new value '" + attempted + "'.");
    }
}
