package dev.sextant.serving.traffic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Sticky assignment of keys to weighted members: each member owns points on a 64-bit ring in
 * proportion to its weight, and a key belongs to the first point at or after its hash. The same
 * key always lands on the same member, and changing one weight moves only the keys between the
 * points that appeared or vanished.
 */
public final class ConsistentHashRing {
    /** Points for the whole ring; enough that shares follow the weights to within about a percent. */
    static final int TOTAL_POINTS = 4096;

    private final long[] points;
    private final String[] owners;

    private ConsistentHashRing(long[] points, String[] owners) {
        this.points = points;
        this.owners = owners;
    }

    /** A ring for members by weight (in their order); a member of weight 0 gets no keys. */
    public static ConsistentHashRing of(Map<String, Integer> weights) {
        long total = weights.values().stream().mapToLong(Integer::longValue).sum();
        if (total <= 0) {
            throw new IllegalArgumentException("weights must add up to more than 0");
        }
        List<long[]> entries = new ArrayList<>();
        List<String> names = new ArrayList<>(weights.keySet());
        for (int m = 0; m < names.size(); m++) {
            int weight = weights.get(names.get(m));
            long count = weight == 0 ? 0 : Math.max(1, Math.round((double) weight * TOTAL_POINTS / total));
            for (int i = 0; i < count; i++) {
                entries.add(new long[] {hash(names.get(m) + "#" + i), m});
            }
        }
        entries.sort((a, b) -> Long.compareUnsigned(a[0], b[0]));
        long[] points = new long[entries.size()];
        String[] owners = new String[entries.size()];
        for (int i = 0; i < points.length; i++) {
            points[i] = entries.get(i)[0];
            owners[i] = names.get((int) entries.get(i)[1]);
        }
        return new ConsistentHashRing(points, owners);
    }

    /** The member that owns {@code key}. */
    public String owner(String key) {
        long h = hash(key);
        int low = 0;
        int high = points.length - 1;
        if (Long.compareUnsigned(h, points[high]) > 0) {
            return owners[0];
        }
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (Long.compareUnsigned(points[mid], h) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return owners[low];
    }

    /** 64-bit FNV-1a of the UTF-8 bytes, finished with a SplitMix64 mix so nearby keys spread. */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    @Override
    public String toString() {
        return "ConsistentHashRing" + Arrays.toString(Arrays.stream(owners).distinct().toArray());
    }
}
