package dev.sextant.store.jdbc;

import dev.sextant.tracking.Metric;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * A series' row in latest_metrics: its last point (the value the run reports) and where its
 * chunks stand. {@code tailSeq} is the base-layer chunk holding the last point, or -1 when
 * unknown.
 */
record SeriesState(Metric latest, long nextSeq, long tailSeq, int tailPoints, Layers layers) {
    static final String COLUMNS = "step, metric_timestamp, metric_value, next_chunk_seq, tail_chunk_seq, tail_points,"
            + " layer_sizes";

    /** The row's state; {@code legacyLayers} finds the layers of series written before they were tracked. */
    static SeriesState of(String key, ResultSet rs, Function<String, Layers> legacyLayers) throws SQLException {
        Layers layers = Layers.decode(rs.getBytes("layer_sizes")).orElseGet(() -> legacyLayers.apply(key));
        return new SeriesState(new Metric(key, rs.getDouble("metric_value"), rs.getLong("metric_timestamp"),
                rs.getLong("step")), rs.getLong("next_chunk_seq"), rs.getLong("tail_chunk_seq"),
                rs.getInt("tail_points"), layers);
    }

    static SeriesState written(Metric latest, MetricChunks.Written written, Layers layers) {
        return new SeriesState(latest, written.nextSeq(), written.lastSeq(), written.lastCount(), layers);
    }
}
