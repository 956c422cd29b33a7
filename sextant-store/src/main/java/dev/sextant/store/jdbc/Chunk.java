package dev.sextant.store.jdbc;

import dev.sextant.tracking.Metric;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;

/** What the store knows about one chunk of a series without reading its points. */
record Chunk(long seq, Metric first, Metric last, int count) {
    static final String COLUMNS = "chunk_seq, first_step, first_timestamp, first_value, last_step, last_timestamp,"
            + " last_value, point_count";

    /** Chunks never overlap (they may touch), so this is the order of their points. */
    static final Comparator<Chunk> ORDER = Comparator.comparing(Chunk::first, Points.ORDER)
            .thenComparing(Chunk::last, Points.ORDER)
            .thenComparingLong(Chunk::seq);

    static Chunk of(String key, ResultSet rs) throws SQLException {
        return new Chunk(rs.getLong(1), new Metric(key, rs.getDouble(4), rs.getLong(3), rs.getLong(2)),
                new Metric(key, rs.getDouble(7), rs.getLong(6), rs.getLong(5)), rs.getInt(8));
    }

    boolean contains(Metric point) {
        return Points.ORDER.compare(first, point) <= 0 && Points.ORDER.compare(point, last) <= 0;
    }
}
