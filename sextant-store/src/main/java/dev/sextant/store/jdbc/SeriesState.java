package dev.sextant.store.jdbc;

import dev.sextant.tracking.Metric;

/**
 * A series' row in latest_metrics: its last point (the value the run reports) and where its
 * chunks stand. {@code tailSeq} is the chunk holding the last point, or -1 when unknown.
 */
record SeriesState(Metric latest, long nextSeq, long tailSeq, int tailPoints) {
    static final String COLUMNS = "step, metric_timestamp, metric_value, next_chunk_seq, tail_chunk_seq, tail_points";

    static SeriesState of(String key, java.sql.ResultSet rs) throws java.sql.SQLException {
        return new SeriesState(new Metric(key, rs.getDouble("metric_value"), rs.getLong("metric_timestamp"),
                rs.getLong("step")), rs.getLong("next_chunk_seq"), rs.getLong("tail_chunk_seq"),
                rs.getInt("tail_points"));
    }

    static SeriesState written(Metric latest, MetricChunks.Written written) {
        return new SeriesState(latest, written.nextSeq(), written.lastSeq(), written.lastCount());
    }
}
