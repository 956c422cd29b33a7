package dev.sextant.store.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * Merges layers of one series into one (the one with the smallest id). Only chunks whose points
 * interleave are rewritten; a chunk that overlaps nothing in the merged layers just changes layer,
 * and runs of small neighbouring chunks are packed together so that chunk counts stay low.
 */
final class LayerCompactor {
    /** Chunks below this size are packed with their small neighbours when their layer is merged. */
    private static final int SMALL_CHUNK = MetricChunks.MAX_POINTS / 4;

    private final MetricChunks chunks;

    LayerCompactor(MetricChunks chunks) {
        this.chunks = chunks;
    }

    /** Merges {@code layers} of the series; new chunks are numbered from {@code next}. Returns the next free number. */
    long merge(String key, List<Long> layers, long next) {
        long target = layers.stream().mapToLong(Long::longValue).min().orElseThrow();
        List<Chunk> members = chunks.chunks(key).stream().filter(c -> layers.contains(c.layer())).toList();
        List<Chunk> small = new ArrayList<>();
        long seq = next;
        for (List<Chunk> group : Chunk.overlapGroups(members)) {
            if (group.size() == 1 && group.get(0).count() < SMALL_CHUNK) {
                small.add(group.get(0));
                continue;
            }
            seq = pack(key, small, target, seq);
            seq = group.size() == 1 ? relabel(key, group.get(0), target, seq) : rewrite(key, group, target, seq);
        }
        seq = pack(key, small, target, seq);
        chunks.flush();
        return seq;
    }

    /** Neighbouring small chunks (which do not overlap) become as few chunks as fit. */
    private long pack(String key, List<Chunk> small, long target, long seq) {
        long next = small.size() == 1 ? relabel(key, small.get(0), target, seq)
                : small.isEmpty() ? seq : rewrite(key, small, target, seq);
        small.clear();
        return next;
    }

    private long relabel(String key, Chunk chunk, long target, long seq) {
        if (chunk.layer() != target) {
            chunks.relabel(key, chunk.seq(), target);
        }
        return seq;
    }

    /** Merges the points of the chunks into chunks of about equal size in the target layer. */
    private long rewrite(String key, List<Chunk> group, long target, long firstSeq) {
        long total = Chunk.points(group);
        int pieces = (int) ((total + MetricChunks.MAX_POINTS - 1) / MetricChunks.MAX_POINTS);
        int pieceSize = (int) ((total + pieces - 1) / pieces);
        PointBuffer piece = new PointBuffer(pieceSize);
        long[] seq = {firstSeq};
        new MergedPoints(group, seqs -> chunks.points(key, seqs)).forEach((step, timestamp, bits) -> {
            piece.add(step, timestamp, bits);
            if (piece.size() == pieceSize) {
                chunks.add(key, piece, seq[0]++, target);
                piece.clear();
            }
            return true;
        });
        if (!piece.isEmpty()) {
            chunks.add(key, piece, seq[0]++, target);
        }
        group.forEach(chunk -> chunks.delete(key, chunk.seq()));
        return seq[0];
    }
}
