package dev.sextant.store.jdbc;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The stored forms of a chunk's points (metric_chunk_points.encoding).
 *
 * <ul>
 *   <li>{@link #TRIPLES} (0): big-endian (step, timestamp, raw value bits) triples, 24 bytes a
 *       point; what the first schema wrote.</li>
 *   <li>{@link #COMPACT} (1): the number of points as a varint, then the steps, then the
 *       timestamps, each as zig-zag varints of the
 *       difference to the previous one (the first to 0), then the raw value bits, 8 bytes each.
 *       Points in history order have small step and timestamp differences, so a point takes
 *       about 10 bytes: less for the database to write, copy and read.</li>
 * </ul>
 * Both are exact for every value, NaN payloads and -0.0 included.
 */
final class ChunkCodec {
    static final short TRIPLES = 0;
    static final short COMPACT = 1;

    private ChunkCodec() {
    }

    /** Points {@code [from, to)} of the buffer in the compact form. */
    static byte[] encode(PointBuffer points, int from, int to) {
        int n = to - from;
        byte[] out = new byte[10 + 2 * n * 10 + n * Long.BYTES];
        int at = putVarLong(out, 0, n);
        long previous = 0;
        for (int i = from; i < to; i++) {
            at = putVarLong(out, at, zigZag(points.step(i) - previous));
            previous = points.step(i);
        }
        previous = 0;
        for (int i = from; i < to; i++) {
            at = putVarLong(out, at, zigZag(points.timestamp(i) - previous));
            previous = points.timestamp(i);
        }
        ByteBuffer values = ByteBuffer.wrap(out, at, n * Long.BYTES);
        for (int i = from; i < to; i++) {
            values.putLong(points.bits(i));
        }
        return Arrays.copyOf(out, at + n * Long.BYTES);
    }

    static PointBuffer decode(short encoding, byte[] stored) {
        return switch (encoding) {
            case TRIPLES -> PointBuffer.decode(stored);
            case COMPACT -> decodeCompact(stored);
            default -> throw new IllegalStateException("Unknown metric chunk encoding " + encoding);
        };
    }

    private static PointBuffer decodeCompact(byte[] in) {
        int[] at = {0};
        int n = (int) getVarLong(in, at);
        long[] steps = new long[n];
        long[] timestamps = new long[n];
        long previous = 0;
        for (int i = 0; i < n; i++) {
            previous += unZigZag(getVarLong(in, at));
            steps[i] = previous;
        }
        previous = 0;
        for (int i = 0; i < n; i++) {
            previous += unZigZag(getVarLong(in, at));
            timestamps[i] = previous;
        }
        ByteBuffer values = ByteBuffer.wrap(in, at[0], n * Long.BYTES);
        PointBuffer points = new PointBuffer(n);
        for (int i = 0; i < n; i++) {
            points.add(steps[i], timestamps[i], values.getLong());
        }
        return points;
    }

    private static long zigZag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unZigZag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static int putVarLong(byte[] out, int at, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[at++] = (byte) v;
        return at;
    }

    private static long getVarLong(byte[] in, int[] at) {
        int p = at[0];
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in[p++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                at[0] = p;
                return result;
            }
        }
    }
}
