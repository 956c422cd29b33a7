package dev.sextant.store.jdbc;

import dev.sextant.tracking.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads one metric's history in order. The chunk list of a series is small (one row per few
 * thousand points) and sorted in memory, then split into groups of chunks whose points interleave
 * (see {@link Chunk#overlapGroups}). A page skips whole groups by their point counts and merges
 * only the groups it needs; a stream merges everything with at most one open chunk per layer.
 */
final class MetricHistory {
    private final Transactor tx;

    MetricHistory(Transactor tx) {
        this.tx = tx;
    }

    List<Metric> page(String runId, String key, long offset, int limit) {
        return tx.read(handle -> {
            Runs.require(handle, runId);
            MetricChunks chunks = new MetricChunks(handle, runId);
            List<List<Chunk>> groups = Chunk.overlapGroups(chunks.chunks(key));
            long skipped = 0;
            int first = 0;
            while (first < groups.size() && skipped + Chunk.points(groups.get(first)) <= offset) {
                skipped += Chunk.points(groups.get(first++));
            }
            List<Chunk> rest = new ArrayList<>();
            groups.subList(first, groups.size()).forEach(rest::addAll);
            List<Metric> page = new ArrayList<>((int) Math.min(limit, Chunk.points(rest)));
            if (limit <= 0) {
                return page;
            }
            MergedPoints merged = new MergedPoints(rest, seqs -> chunks.points(key, seqs));
            merged.skip(offset - skipped);
            merged.forEach((step, timestamp, bits) -> {
                page.add(new Metric(key, Double.longBitsToDouble(bits), timestamp, step));
                return page.size() < limit;
            });
            return List.copyOf(page);
        });
    }

    void stream(String runId, String key, Consumer<Metric> sink) {
        tx.read(handle -> {
            Runs.require(handle, runId);
            MetricChunks chunks = new MetricChunks(handle, runId);
            new MergedPoints(chunks.chunks(key), seqs -> chunks.points(key, seqs)).forEach((step, timestamp, bits) -> {
                sink.accept(new Metric(key, Double.longBitsToDouble(bits), timestamp, step));
                return true;
            });
            return null;
        });
    }
}
