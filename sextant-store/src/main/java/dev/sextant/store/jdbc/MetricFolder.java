package dev.sextant.store.jdbc;

import dev.sextant.store.metriclog.MetricLog;
import dev.sextant.tracking.MetricBatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds logged metric batches into the database: all of them in one transaction, series by series
 * (see {@link SeriesWriter}), together with the log offset they reach, so that the database
 * always knows exactly which records it holds. Commits are not forced to disk here, and a killed
 * process may leave any part of one: the offset gone with some rows kept, or the offset kept
 * without all its rows. So after a crash nothing applied since the last {@link #makeDurable} is
 * trusted: {@link #recover} undoes it and the log, which still has those records, is replayed.
 */
final class MetricFolder {
    private static final int LOG_ID = 1;

    private final Transactor tx;
    private final MetricLogRecovery recovery;

    MetricFolder(Transactor tx) {
        this.tx = tx;
        this.recovery = new MetricLogRecovery(tx);
    }

    /** How far the log is applied (0 for a new database). */
    long appliedOffset() {
        return tx.read(handle -> handle.createQuery("SELECT applied_offset FROM metric_log WHERE log_id = :id")
                .bind("id", LOG_ID).mapTo(Long.class).findOne()).orElse(0L);
    }

    /**
     * Undoes what a crash left of applies beyond {@code durablyApplied} (see {@link MetricLogRecovery});
     * returns how many series it had to rebuild.
     */
    int recover(long durablyApplied) {
        return recovery.undoBeyond(durablyApplied).size();
    }

    /** Applies the records in one transaction; returns how many chunks it superseded (see {@link #purge}). */
    int apply(List<MetricLog.Entry> entries) {
        Map<String, Map<String, PointBuffer>> runs = fold(entries);
        long end = entries.get(entries.size() - 1).end();
        return tx.writeUnforced(handle -> {
            int superseded = 0;
            for (Map.Entry<String, Map<String, PointBuffer>> run : runs.entrySet()) {
                superseded += SeriesWriter.write(handle, run.getKey(), run.getValue(), end);
            }
            int updated = handle.createUpdate("UPDATE metric_log SET applied_offset = :end WHERE log_id = :id")
                    .bind("end", end).bind("id", LOG_ID).execute();
            if (updated == 0) {
                handle.createUpdate("INSERT INTO metric_log (log_id, applied_offset) VALUES (:id, :end)")
                        .bind("id", LOG_ID).bind("end", end).execute();
            }
            return superseded;
        });
    }

    /** Deletes the chunks superseded by applies up to {@code durablyApplied}, which must be on disk. */
    int purge(long durablyApplied) {
        return recovery.purge(durablyApplied);
    }

    /** Makes every commit so far survive a killed process. */
    void makeDurable() {
        tx.sync();
    }

    /** Points by run, then by key (both in order, so that the transaction locks rows in a fixed order), sorted. */
    private static Map<String, Map<String, PointBuffer>> fold(List<MetricLog.Entry> entries) {
        Map<String, Map<String, PointBuffer>> runs = new TreeMap<>();
        for (MetricLog.Entry entry : entries) {
            Map<String, PointBuffer> series = runs.computeIfAbsent(entry.runId(), r -> new HashMap<>());
            MetricBatch batch = entry.batch();
            PointBuffer[] byIndex = new PointBuffer[batch.keyCount()];
            for (int k = 0; k < byIndex.length; k++) {
                byIndex[k] = series.computeIfAbsent(batch.distinctKey(k), key -> new PointBuffer(256));
            }
            for (int i = 0; i < batch.size(); i++) {
                byIndex[batch.keyIndex(i)].add(batch.step(i), batch.timestamp(i),
                        Double.doubleToRawLongBits(batch.value(i)));
            }
        }
        Map<String, Map<String, PointBuffer>> sorted = new TreeMap<>();
        runs.forEach((runId, series) -> {
            series.values().forEach(PointBuffer::sort);
            sorted.put(runId, new TreeMap<>(series));
        });
        return sorted;
    }
}
