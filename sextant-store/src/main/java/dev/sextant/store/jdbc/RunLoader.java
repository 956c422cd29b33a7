package dev.sextant.store.jdbc;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.tracking.Dataset;
import dev.sextant.tracking.DatasetInput;
import dev.sextant.tracking.Metric;
import dev.sextant.tracking.Param;
import dev.sextant.tracking.Run;
import dev.sextant.tracking.RunData;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.Tag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;

/**
 * Loads whole runs for a list of ids with a fixed number of queries per chunk of ids (one per
 * table), never one query per run.
 */
final class RunLoader {
    private RunLoader() {
    }

    /** The runs that exist among {@code runIds}, in the order given. */
    static List<Run> load(Handle handle, List<String> runIds) {
        return Rows.inChunks(runIds, ids -> new Tables(runInfos(handle, ids), metrics(handle, ids),
                params(handle, ids), tags(handle, ids), inputs(handle, ids)).runs(ids));
    }

    /**
     * Like {@link #load(Handle, List)}, with each table read on its own pooled connection at the
     * same time: a page of 100 runs is some 4,000 rows from five tables, and a search otherwise
     * waits for them one table after the other on one core. Each statement sees what was committed
     * when it ran, as the statements of one read-committed transaction do.
     */
    static List<Run> loadConcurrently(Transactor tx, List<String> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        try (ExecutorService reads = Executors.newVirtualThreadPerTaskExecutor()) {
            return Rows.inChunks(runIds, ids -> {
                Future<Map<String, RunInfo>> infos = reads.submit(() -> tx.read(h -> runInfos(h, ids)));
                Future<Map<String, List<Metric>>> metrics = reads.submit(() -> tx.read(h -> metrics(h, ids)));
                Future<Map<String, List<Param>>> params = reads.submit(() -> tx.read(h -> params(h, ids)));
                Future<Map<String, List<Tag>>> tags = reads.submit(() -> tx.read(h -> tags(h, ids)));
                Future<Map<String, List<DatasetInput>>> inputs = reads.submit(() -> tx.read(h -> inputs(h, ids)));
                return new Tables(join(infos), join(metrics), join(params), join(tags), join(inputs)).runs(ids);
            });
        }
    }

    private static <T> T join(Future<T> read) {
        try {
            return read.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new SextantException(ErrorCode.INTERNAL_ERROR, "Loading runs failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SextantException(ErrorCode.INTERNAL_ERROR, "Interrupted while loading runs.", e);
        }
    }

    /** The rows of one chunk of runs, by run id. */
    private record Tables(Map<String, RunInfo> infos, Map<String, List<Metric>> metrics,
                          Map<String, List<Param>> params, Map<String, List<Tag>> tags,
                          Map<String, List<DatasetInput>> inputs) {
        List<Run> runs(List<String> ids) {
            List<Run> runs = new ArrayList<>(ids.size());
            for (String id : ids) {
                RunInfo info = infos.get(id);
                if (info != null) {
                    RunData data = new RunData(metrics.getOrDefault(id, List.of()), params.getOrDefault(id, List.of()),
                            tags.getOrDefault(id, List.of()));
                    runs.add(new Run(info, data, inputs.getOrDefault(id, List.of())));
                }
            }
            return runs;
        }
    }

    private static Map<String, RunInfo> runInfos(Handle handle, List<String> ids) {
        Map<String, RunInfo> infos = new HashMap<>();
        select(handle, "SELECT " + Rows.RUN_COLUMNS + " FROM runs r WHERE r.run_id IN (", ids, "")
                .map((rs, ctx) -> Rows.runInfo(rs)).forEach(info -> infos.put(info.runId(), info));
        return infos;
    }

    private static Map<String, List<Metric>> metrics(Handle handle, List<String> ids) {
        Map<String, List<Metric>> metrics = new HashMap<>();
        select(handle, "SELECT run_id, metric_key, metric_value, metric_timestamp, step FROM latest_metrics"
                + " WHERE run_id IN (", ids, " ORDER BY run_id, metric_key")
                .map((rs, ctx) -> Map.entry(rs.getString(1),
                        new Metric(rs.getString(2), rs.getDouble(3), rs.getLong(4), rs.getLong(5))))
                .forEach(e -> metrics.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return metrics;
    }

    private static Map<String, List<Param>> params(Handle handle, List<String> ids) {
        Map<String, List<Param>> params = new HashMap<>();
        select(handle, "SELECT run_id, param_key, param_value FROM params WHERE run_id IN (", ids,
                " ORDER BY run_id, param_key")
                .map((rs, ctx) -> Map.entry(rs.getString(1), new Param(rs.getString(2), rs.getString(3))))
                .forEach(e -> params.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return params;
    }

    private static Map<String, List<Tag>> tags(Handle handle, List<String> ids) {
        Map<String, List<Tag>> tags = new HashMap<>();
        select(handle, "SELECT run_id, tag_key, tag_value FROM run_tags WHERE run_id IN (", ids,
                " ORDER BY run_id, tag_key")
                .map((rs, ctx) -> Map.entry(rs.getString(1), new Tag(rs.getString(2), rs.getString(3))))
                .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return tags;
    }

    private static Map<String, List<DatasetInput>> inputs(Handle handle, List<String> ids) {
        Map<String, List<Tag>> tagsByInput = new HashMap<>();
        select(handle, "SELECT t.input_id, t.tag_key, t.tag_value FROM input_tags t"
                + " JOIN run_inputs i ON i.input_id = t.input_id WHERE i.run_id IN (", ids,
                " ORDER BY t.input_id, t.tag_key")
                .map((rs, ctx) -> Map.entry(rs.getString(1), new Tag(rs.getString(2), rs.getString(3))))
                .forEach(e -> tagsByInput.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<String, List<DatasetInput>> inputs = new HashMap<>();
        select(handle, "SELECT i.run_id, i.input_id, d.name, d.digest, d.source_type, d.dataset_source,"
                + " d.dataset_schema, d.dataset_profile FROM run_inputs i JOIN datasets d ON d.dataset_id = i.dataset_id"
                + " WHERE i.run_id IN (", ids, " ORDER BY i.run_id, d.name, d.digest")
                .map((rs, ctx) -> Map.entry(rs.getString(1), new DatasetInput(
                        tagsByInput.getOrDefault(rs.getString(2), List.of()),
                        new Dataset(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                rs.getString(7), rs.getString(8)))))
                .forEach(e -> inputs.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return inputs;
    }

    /** {@code head} ends with "IN (": the ids are bound into it, then ")" and {@code tail} follow. */
    private static org.jdbi.v3.core.statement.Query select(Handle handle, String head, List<String> ids, String tail) {
        Sql sql = new Sql();
        sql.add(head).add(sql.params(ids)).add(")").add(tail);
        return sql.query(handle);
    }
}
