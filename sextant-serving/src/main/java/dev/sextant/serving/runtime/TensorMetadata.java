package dev.sextant.serving.runtime;

import java.util.List;

/**
 * What a model declares for one input or output, in Open Inference Protocol terms ({@code -1}
 * in the shape: any size).
 *
 * @param datatype element type; for {@link Kind#PROBABILITY_MAPS}, the probability type (FP32)
 * @param shape for {@link Kind#PROBABILITY_MAPS}, {@code [-1, -1]}: rows × labels
 */
public record TensorMetadata(String name, Datatype datatype, List<Long> shape, Kind kind) {

    public TensorMetadata {
        shape = List.copyOf(shape);
    }

    public enum Kind {
        /** A tensor. */
        TENSOR,
        /** A sequence of label → probability maps (ZipMap), returned as {@link ProbabilityMaps}. */
        PROBABILITY_MAPS,
        /** Another ONNX value (sequence of tensors, map, optional, sparse tensor): not served. */
        UNSUPPORTED
    }

    /** E.g. {@code X FP32 [-1, 2]}. */
    public String describe() {
        return name + " " + datatype + " " + shape;
    }
}
