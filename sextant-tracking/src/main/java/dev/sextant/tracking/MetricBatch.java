package dev.sextant.tracking;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * Metric points in compact form: parallel primitive arrays, each distinct key stored once. This is
 * what a log-batch carries from the HTTP parser through {@link TrackingService} to the store
 * without an object per point. Immutable; point {@code i} is {@link #metric(int)}.
 */
public final class MetricBatch {
    private static final MetricBatch EMPTY = new Builder(0).build();

    private final String[] keys;
    private final int[] keyIndexes;
    private final double[] values;
    private final long[] timestamps;
    private final long[] steps;

    private MetricBatch(String[] keys, int[] keyIndexes, double[] values, long[] timestamps, long[] steps) {
        this.keys = keys;
        this.keyIndexes = keyIndexes;
        this.values = values;
        this.timestamps = timestamps;
        this.steps = steps;
    }

    public static MetricBatch empty() {
        return EMPTY;
    }

    public static MetricBatch of(List<Metric> metrics) {
        Builder builder = new Builder(metrics.size());
        for (Metric m : metrics) {
            builder.add(m.key(), m.value(), m.timestamp(), m.step());
        }
        return builder.build();
    }

    public static Builder builder(int expectedPoints) {
        return new Builder(expectedPoints);
    }

    public int size() {
        return values.length;
    }

    public boolean isEmpty() {
        return values.length == 0;
    }

    /** Number of distinct keys. */
    public int keyCount() {
        return keys.length;
    }

    /** The distinct key with index {@code keyIndex}, {@code 0 <= keyIndex < keyCount()}. */
    public String distinctKey(int keyIndex) {
        return keys[keyIndex];
    }

    /** The index among {@link #distinctKey distinct keys} of point {@code i}'s key. */
    public int keyIndex(int i) {
        return keyIndexes[i];
    }

    public String key(int i) {
        return keys[keyIndexes[i]];
    }

    public double value(int i) {
        return values[i];
    }

    public long timestamp(int i) {
        return timestamps[i];
    }

    public long step(int i) {
        return steps[i];
    }

    public Metric metric(int i) {
        return new Metric(key(i), values[i], timestamps[i], steps[i]);
    }

    /** The points as {@link Metric}s, in order. */
    public List<Metric> toList() {
        return new AbstractList<>() {
            @Override
            public Metric get(int index) {
                return metric(index);
            }

            @Override
            public int size() {
                return MetricBatch.this.size();
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricBatch other && toList().equals(other.toList());
    }

    @Override
    public int hashCode() {
        return toList().hashCode();
    }

    @Override
    public String toString() {
        return "MetricBatch" + toList();
    }

    /**
     * Collects points. Keys are looked up in a small hash table, also straight from a parser's
     * character buffer, so that a thousand points under ten keys make ten strings, not a thousand.
     */
    public static final class Builder {
        private String[] keys = new String[8];
        private int keyCount;
        private int[] table = new int[16];
        private int[] keyIndexes;
        private double[] values;
        private long[] timestamps;
        private long[] steps;
        private int size;

        private Builder(int expected) {
            int capacity = Math.max(expected, 4);
            keyIndexes = new int[capacity];
            values = new double[capacity];
            timestamps = new long[capacity];
            steps = new long[capacity];
        }

        public Builder add(String key, double value, long timestamp, long step) {
            return add(key(key), value, timestamp, step);
        }

        /** The index of a key, added to the distinct keys when new. */
        public int key(String key) {
            int slot = find(key.hashCode(), key, null, 0, key.length());
            return table[slot] != 0 ? table[slot] - 1 : insert(slot, key);
        }

        /** The index of the key {@code chars[offset, offset + length)}; a new key is copied. */
        public int key(char[] chars, int offset, int length) {
            int hash = 0;
            for (int i = offset; i < offset + length; i++) {
                hash = 31 * hash + chars[i]; // String.hashCode, so both kinds of lookup share the table
            }
            int slot = find(hash, null, chars, offset, length);
            return table[slot] != 0 ? table[slot] - 1 : insert(slot, new String(chars, offset, length));
        }

        /** Adds a point whose key has index {@code keyIndex} (from {@link #key}). */
        public Builder add(int keyIndex, double value, long timestamp, long step) {
            if (keyIndex < 0 || keyIndex >= keyCount) {
                throw new IllegalArgumentException("No key with index " + keyIndex);
            }
            if (size == values.length) {
                int capacity = 2 * size;
                keyIndexes = Arrays.copyOf(keyIndexes, capacity);
                values = Arrays.copyOf(values, capacity);
                timestamps = Arrays.copyOf(timestamps, capacity);
                steps = Arrays.copyOf(steps, capacity);
            }
            keyIndexes[size] = keyIndex;
            values[size] = value;
            timestamps[size] = timestamp;
            steps[size++] = step;
            return this;
        }

        public int size() {
            return size;
        }

        public MetricBatch build() {
            return new MetricBatch(Arrays.copyOf(keys, keyCount), Arrays.copyOf(keyIndexes, size),
                    Arrays.copyOf(values, size), Arrays.copyOf(timestamps, size), Arrays.copyOf(steps, size));
        }

        // The slot holding the key (entry = index + 1), or the empty slot where it belongs.
        private int find(int hash, String key, char[] chars, int offset, int length) {
            int mask = table.length - 1;
            for (int slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
                int entry = table[slot];
                if (entry == 0) {
                    return slot;
                }
                String candidate = keys[entry - 1];
                if (candidate.hashCode() == hash && (key != null ? candidate.equals(key)
                        : sameChars(candidate, chars, offset, length))) {
                    return slot;
                }
            }
        }

        private int insert(int slot, String key) {
            if (keyCount == keys.length) {
                keys = Arrays.copyOf(keys, 2 * keyCount);
            }
            keys[keyCount] = key;
            table[slot] = ++keyCount;
            if (2 * keyCount > table.length) {
                rehash();
            }
            return keyCount - 1;
        }

        private void rehash() {
            table = new int[2 * table.length];
            int mask = table.length - 1;
            for (int k = 0; k < keyCount; k++) {
                int slot = mix(keys[k].hashCode()) & mask;
                while (table[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = k + 1;
            }
        }

        private static boolean sameChars(String s, char[] chars, int offset, int length) {
            if (s.length() != length) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (s.charAt(i) != chars[offset + i]) {
                    return false;
                }
            }
            return true;
        }

        private static int mix(int hash) {
            return hash ^ (hash >>> 16);
        }
    }
}
