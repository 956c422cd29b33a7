package dev.sextant.serving.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Native memory for the input tensors of small requests, lent out and taken back. ONNX Runtime
 * reads tensors from native memory: given a Java array it allocates a direct buffer per tensor
 * (allocation, zeroing, a cleaner for the collector to process) and copies the array into it,
 * which for a one-row request is a visible share of the call. A few buffers of
 * {@value #BYTES} bytes are kept in slots taken and returned without locks; larger tensors, and
 * requests that find every slot empty, get a buffer of their own.
 */
final class InputBuffers {
    static final int BYTES = 1024;
    private static final int SLOTS = 32;

    private final AtomicReferenceArray<ByteBuffer> slots = new AtomicReferenceArray<>(SLOTS);

    /** A native-order direct buffer with room for {@code bytes}, position 0 and limit {@code bytes}. */
    ByteBuffer lend(int bytes) {
        if (bytes <= BYTES) {
            for (int i = 0; i < SLOTS; i++) {
                ByteBuffer kept = slots.get(i);
                if (kept != null && slots.compareAndSet(i, kept, null)) {
                    return kept.clear().limit(bytes);
                }
            }
        }
        return ByteBuffer.allocateDirect(Math.max(bytes, BYTES)).order(ByteOrder.nativeOrder()).limit(bytes);
    }

    /** Takes a lent buffer back once no tensor uses it any more. */
    void giveBack(ByteBuffer buffer) {
        if (buffer.capacity() != BYTES) {
            return;
        }
        for (int i = 0; i < SLOTS; i++) {
            if (slots.get(i) == null && slots.compareAndSet(i, null, buffer)) {
                return;
            }
        }
    }
}
