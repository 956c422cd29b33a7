package dev.sextant.store.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The points of a series' chunks in history order, whatever their layers: a k-way merge that opens
 * a chunk only when the merge reaches its first point. Chunks of one layer never overlap, so at
 * most one chunk per layer is open at a time (plus a small read-ahead): memory stays bounded
 * however long the history is.
 */
final class MergedPoints {
    /** Chunks read per query once the merge needs the next one. */
    private static final int READ_AHEAD = 8;

    /** Receives points in history order; returns false to stop after this one. */
    @FunctionalInterface
    interface Sink {
        boolean accept(long step, long timestamp, long bits);
    }

    private final List<Chunk> pending;
    private final Function<Collection<Long>, Map<Long, PointBuffer>> loader;
    private PointBuffer[] open = new PointBuffer[4];
    private int[] positions = new int[4];
    private int opened;
    private Map<Long, PointBuffer> readAhead = Map.of();
    private int next;

    /**
     * @param sorted chunks in {@link Chunk#ORDER}
     * @param loader reads the points of chunks by sequence number
     */
    MergedPoints(List<Chunk> sorted, Function<Collection<Long>, Map<Long, PointBuffer>> loader) {
        this.pending = sorted;
        this.loader = loader;
    }

    /** Feeds points to {@code sink} until the chunks are exhausted or the sink says stop. */
    void forEach(Sink sink) {
        boolean more = true;
        while (more) {
            int min = openUpToMinimum();
            if (min < 0) {
                return;
            }
            PointBuffer points = open[min];
            int at = positions[min];
            more = sink.accept(points.step(at), points.timestamp(at), points.bits(at));
            if (at + 1 < points.size()) {
                positions[min] = at + 1;
            } else {
                close(min);
            }
        }
    }

    /** Skips {@code count} points (fewer when the chunks run out). */
    void skip(long count) {
        long[] skipped = {0};
        if (count > 0) {
            forEach((s, t, v) -> ++skipped[0] < count);
        }
    }

    // Opens every chunk whose first point is before the smallest open point; returns the index of
    // the open chunk holding the smallest point, -1 when everything has been read.
    private int openUpToMinimum() {
        while (true) {
            int min = opened == 0 ? -1 : 0;
            for (int i = 1; i < opened; i++) {
                if (open[i].compare(positions[i], open[min], positions[min]) < 0) {
                    min = i;
                }
            }
            if (next < pending.size()
                    && (min < 0 || open[min].compare(positions[min], pending.get(next).first()) > 0)) {
                openNext();
                continue;
            }
            return min;
        }
    }

    private void openNext() {
        Chunk chunk = pending.get(next++);
        PointBuffer points = readAhead.get(chunk.seq());
        if (points == null) {
            List<Long> seqs = new ArrayList<>(READ_AHEAD);
            for (int i = next - 1; i < pending.size() && seqs.size() < READ_AHEAD; i++) {
                seqs.add(pending.get(i).seq());
            }
            readAhead = loader.apply(seqs);
            points = readAhead.get(chunk.seq());
        }
        if (!points.isEmpty()) {
            if (opened == open.length) {
                open = java.util.Arrays.copyOf(open, 2 * opened);
                positions = java.util.Arrays.copyOf(positions, 2 * opened);
            }
            open[opened] = points;
            positions[opened++] = 0;
        }
    }

    private void close(int i) {
        opened--;
        open[i] = open[opened];
        positions[i] = positions[opened];
        open[opened] = null;
    }
}
