package dev.sextant.serving.runtime;

import java.util.Optional;

/**
 * Tensor element types by their Open Inference Protocol names. The runtime accepts inputs of the
 * {@link #supported() supported} ones; the others exist so that a model or a request using them
 * gets a message that names them.
 */
public enum Datatype {
    BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, BF16, FP32, FP64, BYTES;

    /** Whether inputs of this type can be decoded and bound to a model. */
    public boolean supported() {
        return switch (this) {
            case BOOL, INT32, INT64, FP32, FP64, BYTES -> true;
            default -> false;
        };
    }

    /** The datatype named {@code name} exactly (OIP names are case-sensitive). */
    public static Optional<Datatype> named(String name) {
        for (Datatype type : values()) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
