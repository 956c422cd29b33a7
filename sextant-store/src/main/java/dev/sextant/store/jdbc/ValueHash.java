package dev.sextant.store.jdbc;

/**
 * 64-bit FNV-1a over the UTF-16 code units of a value, stored next to param and tag values so
 * that equality filters use a small index. The function is part of the stored format: never
 * change it without a migration that recomputes the column.
 */
final class ValueHash {
    private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private ValueHash() {
    }

    static long of(String value) {
        long hash = OFFSET_BASIS;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            hash = (hash ^ (c & 0xff)) * PRIME;
            hash = (hash ^ (c >>> 8)) * PRIME;
        }
        return hash;
    }
}
