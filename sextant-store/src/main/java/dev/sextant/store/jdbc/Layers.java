package dev.sextant.store.jdbc;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The layers of one series and their sizes in points, kept in its latest_metrics row.
 *
 * <p>Points that come after everything stored are appended to the base layer (id 0). Points that
 * land inside the stored range are written as a new layer instead of being merged into the chunks
 * that cover them: merging would rewrite whole chunks for every few points and make out-of-order
 * logging cost more the longer the history grows. Layers overlap one another; within a layer
 * chunks do not. Readers merge the layers (see {@link MergedPoints}). Layers are merged
 * size-tiered: once {@value #FANOUT} layers are of a similar size they become one, so each point is
 * rewritten about log<sub>{@value #FANOUT}</sub>(history / {@value #TIER_BASE}) times and a series
 * has a few dozen layers at most. A layer's id is the sequence number of its first chunk.
 */
final class Layers {
    static final long BASE = 0;
    static final int FANOUT = 8;
    static final long TIER_BASE = MetricChunks.MAX_POINTS;

    private final long[] ids;
    private final long[] sizes;

    private Layers(long[] ids, long[] sizes) {
        this.ids = ids;
        this.sizes = sizes;
    }

    static Layers base(long points) {
        return new Layers(new long[] {BASE}, new long[] {points});
    }

    static Layers of(Map<Long, Long> sizes) {
        long[] ids = sizes.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        long[] counts = Arrays.stream(ids).map(sizes::get).toArray();
        return new Layers(ids, counts);
    }

    /** Decodes the stored form; empty for series written before layers were tracked. */
    static Optional<Layers> decode(byte[] stored) {
        if (stored == null) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(stored);
        int n = in.getInt();
        long[] ids = new long[n];
        long[] sizes = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = in.getLong();
            sizes[i] = in.getLong();
        }
        return Optional.of(new Layers(ids, sizes));
    }

    byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(Integer.BYTES + ids.length * 2 * Long.BYTES);
        out.putInt(ids.length);
        for (int i = 0; i < ids.length; i++) {
            out.putLong(ids[i]).putLong(sizes[i]);
        }
        return out.array();
    }

    int count() {
        return ids.length;
    }

    long size(long id) {
        int i = indexOf(id);
        return i < 0 ? 0 : sizes[i];
    }

    /** These layers with {@code points} more in layer {@code id} (added when new). */
    Layers plus(long id, long points) {
        int i = indexOf(id);
        if (i >= 0) {
            long[] grown = sizes.clone();
            grown[i] += points;
            return new Layers(ids, grown);
        }
        int at = -i - 1;
        long[] newIds = new long[ids.length + 1];
        long[] newSizes = new long[ids.length + 1];
        System.arraycopy(ids, 0, newIds, 0, at);
        System.arraycopy(sizes, 0, newSizes, 0, at);
        newIds[at] = id;
        newSizes[at] = points;
        System.arraycopy(ids, at, newIds, at + 1, ids.length - at);
        System.arraycopy(sizes, at, newSizes, at + 1, ids.length - at);
        return new Layers(newIds, newSizes);
    }

    /** The next layers to merge: {@value #FANOUT} or more in the smallest crowded size tier; empty when none. */
    List<Long> nextMerge() {
        int[] tiers = new int[ids.length];
        int maxTier = 0;
        for (int i = 0; i < ids.length; i++) {
            tiers[i] = tier(sizes[i]);
            maxTier = Math.max(maxTier, tiers[i]);
        }
        for (int tier = 0; tier <= maxTier; tier++) {
            List<Long> members = new ArrayList<>();
            for (int i = 0; i < ids.length; i++) {
                if (tiers[i] == tier) {
                    members.add(ids[i]);
                }
            }
            if (members.size() >= FANOUT) {
                return members;
            }
        }
        return List.of();
    }

    /** These layers after {@code merged} became one layer with the smallest of their ids. */
    Layers merged(List<Long> merged) {
        long target = merged.stream().mapToLong(Long::longValue).min().orElseThrow();
        long total = 0;
        int kept = 0;
        for (int i = 0; i < ids.length; i++) {
            if (merged.contains(ids[i])) {
                total += sizes[i];
            } else {
                kept++;
            }
        }
        long[] newIds = new long[kept];
        long[] newSizes = new long[kept];
        int k = 0;
        for (int i = 0; i < ids.length; i++) {
            if (!merged.contains(ids[i])) {
                newIds[k] = ids[i];
                newSizes[k++] = sizes[i];
            }
        }
        return new Layers(newIds, newSizes).plus(target, total);
    }

    static int tier(long points) {
        int tier = 0;
        for (long bound = TIER_BASE; points >= bound && bound < Long.MAX_VALUE / FANOUT; bound *= FANOUT) {
            tier++;
        }
        return tier;
    }

    private int indexOf(long id) {
        return Arrays.binarySearch(ids, id);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Layers[");
        for (int i = 0; i < ids.length; i++) {
            s.append(i == 0 ? "" : ", ").append(ids[i]).append(':').append(sizes[i]);
        }
        return s.append(']').toString();
    }
}
