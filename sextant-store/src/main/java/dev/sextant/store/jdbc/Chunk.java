package dev.sextant.store.jdbc;

import dev.sextant.tracking.Metric;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the store knows about one chunk of a series without reading its points. Chunks of one
 * layer never overlap (they may touch); chunks of different layers may (see {@link Layers}).
 */
record Chunk(long seq, long layer, Metric first, Metric last, int count) {
    static final String COLUMNS = "chunk_seq, chunk_layer, first_step, first_timestamp, first_value, last_step,"
            + " last_timestamp, last_value, point_count";

    /** By first point, then last point: the order in which chunks are opened when merging. */
    static final Comparator<Chunk> ORDER = Comparator.comparing(Chunk::first, Points.ORDER)
            .thenComparing(Chunk::last, Points.ORDER)
            .thenComparingLong(Chunk::seq);

    static Chunk of(String key, ResultSet rs) throws SQLException {
        return new Chunk(rs.getLong(1), rs.getLong(2), new Metric(key, rs.getDouble(5), rs.getLong(4), rs.getLong(3)),
                new Metric(key, rs.getDouble(8), rs.getLong(7), rs.getLong(6)), rs.getInt(9));
    }

    /**
     * Splits chunks sorted by {@link #ORDER} into groups whose points interleave: the points of a
     * group all come before (or equal) those of the next, so a series reads group after group and
     * only chunks within a group need merging.
     */
    static List<List<Chunk>> overlapGroups(List<Chunk> sorted) {
        List<List<Chunk>> groups = new ArrayList<>();
        List<Chunk> group = null;
        Metric reach = null;
        for (Chunk chunk : sorted) {
            if (group == null || Points.ORDER.compare(chunk.first(), reach) >= 0) {
                group = new ArrayList<>();
                groups.add(group);
                reach = chunk.last();
            } else {
                reach = Points.max(reach, chunk.last());
            }
            group.add(chunk);
        }
        return groups;
    }

    static long points(List<Chunk> chunks) {
        long total = 0;
        for (Chunk chunk : chunks) {
            total += chunk.count();
        }
        return total;
    }
}
