package dev.sextant.serving.endpoint;

import dev.sextant.serving.runtime.Datatype;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.LoadedModel;
import dev.sextant.serving.runtime.Tensor;
import dev.sextant.serving.runtime.TensorMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A first prediction on zeros before a model takes traffic, so that ONNX Runtime's first-call
 * work (allocations, kernel selection) is not paid by a user's request.
 */
final class Warmup {
    static final int CALLS = 3;

    private Warmup() {
    }

    /**
     * One row of zeros (or false) for every input, when all inputs are plain numeric or boolean
     * tensors. Models with string inputs are not warmed up: no string is valid for every such model
     * (a date parsed inside the graph fails on a blank), and a failed warm-up only adds noise.
     */
    static Optional<InferenceInputs> inputs(LoadedModel model) {
        List<Tensor> tensors = new ArrayList<>();
        for (TensorMetadata input : model.inputs()) {
            if (input.kind() != TensorMetadata.Kind.TENSOR || !input.datatype().supported()
                    || input.datatype() == Datatype.BYTES) {
                return Optional.empty();
            }
            long[] shape = input.shape().stream().mapToLong(d -> d < 0 ? 1 : d).toArray();
            int count = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            tensors.add(switch (input.datatype()) {
                case FP32 -> Tensor.floats(input.name(), shape, new float[count]);
                case FP64 -> Tensor.doubles(input.name(), shape, new double[count]);
                case INT32 -> Tensor.ints(input.name(), shape, new int[count]);
                case INT64 -> Tensor.longs(input.name(), shape, new long[count]);
                case BOOL -> Tensor.bools(input.name(), shape, new boolean[count]);
                default -> throw new IllegalStateException();
            });
        }
        return Optional.of(InferenceInputs.of(tensors, Set.of()));
    }
}
