package dev.sextant.store.jdbc;

import dev.sextant.tracking.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads one metric's history in order. The chunk list of a series is small (one row per few
 * thousand points) and sorted in memory; points are then read a few chunks at a time, so a
 * page touches only the chunks it needs and a stream holds at most {@value #CHUNKS_IN_MEMORY}
 * chunks however long the history is.
 */
final class MetricHistory {
    private static final int CHUNKS_IN_MEMORY = 8;

    private final Transactor tx;

    MetricHistory(Transactor tx) {
        this.tx = tx;
    }

    List<Metric> page(String runId, String key, long offset, int limit) {
        return tx.read(handle -> {
            Runs.require(handle, runId);
            MetricChunks chunks = new MetricChunks(handle, runId);
            List<Chunk> all = chunks.chunks(key);
            long skipped = 0;
            int first = 0;
            while (first < all.size() && skipped + all.get(first).count() <= offset) {
                skipped += all.get(first++).count();
            }
            long wanted = offset - skipped + limit;
            List<Long> needed = new ArrayList<>();
            for (int i = first, have = 0; i < all.size() && have < wanted; have += all.get(i++).count()) {
                needed.add(all.get(i).seq());
            }
            Map<Long, List<Metric>> points = chunks.points(key, needed);
            List<Metric> window = new ArrayList<>();
            needed.forEach(seq -> window.addAll(points.get(seq)));
            int from = (int) Math.min(window.size(), offset - skipped);
            return List.copyOf(window.subList(from, (int) Math.min(window.size(), from + (long) limit)));
        });
    }

    void stream(String runId, String key, Consumer<Metric> sink) {
        tx.read(handle -> {
            Runs.require(handle, runId);
            MetricChunks chunks = new MetricChunks(handle, runId);
            List<Long> order = chunks.chunks(key).stream().map(Chunk::seq).toList();
            for (int from = 0; from < order.size(); from += CHUNKS_IN_MEMORY) {
                List<Long> group = order.subList(from, Math.min(order.size(), from + CHUNKS_IN_MEMORY));
                Map<Long, List<Metric>> points = chunks.points(key, group);
                group.forEach(seq -> points.get(seq).forEach(sink));
            }
            return null;
        });
    }
}
