package dev.sextant.store.metriclog;

import dev.sextant.tracking.MetricBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The binary form of one log record: a header (body length, CRC-32C of the body) and a body
 * holding the run id, the distinct keys and the points column by column (key index, step,
 * timestamp, raw value bits). Big-endian. A record whose length runs past the end of the file or
 * whose checksum does not match was torn by a crash while being written.
 */
final class RecordCodec {
    static final int HEADER = 2 * Integer.BYTES;
    /** Larger bodies are refused when written and taken for damage when read. */
    static final int MAX_BODY = 256 << 20;
    private static final byte VERSION = 1;

    private RecordCodec() {
    }

    /** Encodes a record into {@code buffer} (or a larger one when it does not fit); returns it flipped. */
    static ByteBuffer encode(String runId, MetricBatch batch, ByteBuffer buffer) {
        byte[] run = runId.getBytes(StandardCharsets.UTF_8);
        byte[][] keys = new byte[batch.keyCount()][];
        long size = HEADER + 1 + Short.BYTES + run.length + Integer.BYTES + Integer.BYTES + 1;
        for (int k = 0; k < keys.length; k++) {
            keys[k] = batch.distinctKey(k).getBytes(StandardCharsets.UTF_8);
            size += Short.BYTES + keys[k].length;
        }
        int width = keyWidth(keys.length);
        size += (long) batch.size() * (width + 3L * Long.BYTES);
        if (size - HEADER > MAX_BODY || run.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("A batch of " + batch.size() + " points is too large for one log record");
        }
        ByteBuffer out = buffer.capacity() >= size ? buffer.clear()
                : ByteBuffer.allocateDirect((int) Math.max(size, 2L * buffer.capacity()));
        out.position(HEADER);
        out.put(VERSION).putShort((short) run.length).put(run).putInt(keys.length);
        for (byte[] key : keys) {
            out.putShort((short) key.length).put(key);
        }
        int n = batch.size();
        out.putInt(n).put((byte) width);
        for (int i = 0; i < n; i++) {
            putKeyIndex(out, width, batch.keyIndex(i));
        }
        for (int i = 0; i < n; i++) {
            out.putLong(batch.step(i));
        }
        for (int i = 0; i < n; i++) {
            out.putLong(batch.timestamp(i));
        }
        for (int i = 0; i < n; i++) {
            out.putLong(Double.doubleToRawLongBits(batch.value(i)));
        }
        int bodyLength = out.position() - HEADER;
        out.flip();
        CRC32C crc = new CRC32C();
        crc.update(out.slice(HEADER, bodyLength));
        out.putInt(0, bodyLength).putInt(Integer.BYTES, (int) crc.getValue());
        return out;
    }

    /** True when {@code body} is the body the header describes. */
    static boolean intact(ByteBuffer body, int expectedCrc) {
        CRC32C crc = new CRC32C();
        crc.update(body.duplicate());
        return (int) crc.getValue() == expectedCrc;
    }

    /** Decodes an intact body (positioned at its start, limited to its end). */
    static Decoded decode(ByteBuffer body) {
        byte version = body.get();
        if (version != VERSION) {
            throw new IllegalStateException("Unknown metric log record version " + version);
        }
        String runId = string(body, body.getShort());
        String[] keys = new String[body.getInt()];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = string(body, body.getShort());
        }
        int n = body.getInt();
        int width = body.get();
        int[] keyIndexes = new int[n];
        for (int i = 0; i < n; i++) {
            keyIndexes[i] = getKeyIndex(body, width);
        }
        long[] steps = new long[n];
        long[] timestamps = new long[n];
        body.asLongBuffer().get(steps);
        body.position(body.position() + n * Long.BYTES);
        body.asLongBuffer().get(timestamps);
        body.position(body.position() + n * Long.BYTES);
        MetricBatch.Builder batch = MetricBatch.builder(n);
        for (int i = 0; i < n; i++) {
            batch.add(keys[keyIndexes[i]], Double.longBitsToDouble(body.getLong()), timestamps[i], steps[i]);
        }
        return new Decoded(runId, batch.build());
    }

    record Decoded(String runId, MetricBatch batch) {
    }

    private static String string(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int keyWidth(int keys) {
        return keys <= 256 ? 1 : keys <= 65_536 ? 2 : 4;
    }

    private static void putKeyIndex(ByteBuffer out, int width, int index) {
        switch (width) {
            case 1 -> out.put((byte) index);
            case 2 -> out.putShort((short) index);
            default -> out.putInt(index);
        }
    }

    private static int getKeyIndex(ByteBuffer in, int width) {
        return switch (width) {
            case 1 -> in.get() & 0xff;
            case 2 -> in.getShort() & 0xffff;
            default -> in.getInt();
        };
    }
}
