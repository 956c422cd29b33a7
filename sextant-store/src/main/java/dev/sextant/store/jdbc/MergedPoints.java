package dev.sextant.store.jdbc;

import dev.sextant.tracking.Metric;
import java.util.ArrayList;
import java.util.Arrays;
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
    // The head point of each open chunk in comparable form: step, timestamp, Points.valueKey(bits).
    private long[] headSteps = new long[4];
    private long[] headTimestamps = new long[4];
    private long[] headKeys = new long[4];
    private int opened;
    private Map<Long, PointBuffer> readAhead = Map.of();
    private int next;
    private long nextStep;
    private long nextTimestamp;
    private long nextKey;

    /**
     * @param sorted chunks in {@link Chunk#ORDER}
     * @param loader reads the points of chunks by sequence number
     */
    MergedPoints(List<Chunk> sorted, Function<Collection<Long>, Map<Long, PointBuffer>> loader) {
        this.pending = sorted;
        this.loader = loader;
        notePending();
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
            more = sink.accept(headSteps[min], headTimestamps[min], points.bits(at));
            if (at + 1 < points.size()) {
                positions[min] = at + 1;
                noteHead(min);
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
                if (less(headSteps[i], headTimestamps[i], headKeys[i], headSteps[min], headTimestamps[min],
                        headKeys[min])) {
                    min = i;
                }
            }
            // On a tie the chunk is opened too: its stored bounds are doubles that went through the
            // database, so a tie may hide a -0.0 that must come first.
            if (next < pending.size() && (min < 0
                    || !less(headSteps[min], headTimestamps[min], headKeys[min], nextStep, nextTimestamp, nextKey))) {
                openNext();
                continue;
            }
            return min;
        }
    }

    private static boolean less(long step1, long timestamp1, long key1, long step2, long timestamp2, long key2) {
        return step1 != step2 ? step1 < step2 : timestamp1 != timestamp2 ? timestamp1 < timestamp2 : key1 < key2;
    }

    private void noteHead(int i) {
        int at = positions[i];
        headSteps[i] = open[i].step(at);
        headTimestamps[i] = open[i].timestamp(at);
        headKeys[i] = Points.valueKey(open[i].bits(at));
    }

    private void notePending() {
        if (next < pending.size()) {
            Metric first = pending.get(next).first();
            nextStep = first.step();
            nextTimestamp = first.timestamp();
            nextKey = Points.valueKey(Double.doubleToRawLongBits(first.value()));
        }
    }

    private void openNext() {
        Chunk chunk = pending.get(next++);
        notePending();
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
                open = Arrays.copyOf(open, 2 * opened);
                positions = Arrays.copyOf(positions, 2 * opened);
                headSteps = Arrays.copyOf(headSteps, 2 * opened);
                headTimestamps = Arrays.copyOf(headTimestamps, 2 * opened);
                headKeys = Arrays.copyOf(headKeys, 2 * opened);
            }
            open[opened] = points;
            positions[opened] = 0;
            noteHead(opened++);
        }
    }

    private void close(int i) {
        opened--;
        open[i] = open[opened];
        positions[i] = positions[opened];
        headSteps[i] = headSteps[opened];
        headTimestamps[i] = headTimestamps[opened];
        headKeys[i] = headKeys[opened];
        open[opened] = null;
    }
}
