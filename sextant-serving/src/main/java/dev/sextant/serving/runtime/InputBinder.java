package dev.sextant.serving.runtime;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks request tensors against what the model declares (names, datatypes, shapes) and turns
 * them into ONNX Runtime tensors. Every refusal names the input and says what the model expects.
 */
final class InputBinder {
    private final List<TensorMetadata> inputs;
    private final Map<String, TensorMetadata> byName;
    private final String described;
    private final boolean sharedBatch;

    /**
     * @param firstDimensionNames symbolic names of the inputs' first dimensions, "" when unnamed
     */
    InputBinder(List<TensorMetadata> inputs, Map<String, String> firstDimensionNames) {
        this.inputs = List.copyOf(inputs);
        this.sharedBatch = sharesBatch(inputs, firstDimensionNames);
        this.byName = new HashMap<>();
        inputs.forEach(input -> byName.put(input.name(), input));
        this.described = inputs.stream().map(TensorMetadata::describe).collect(Collectors.joining(", "));
    }

    /** ONNX Runtime tensors for inputs that passed {@link #validate}; the caller closes them. */
    Map<String, OnnxTensor> bind(OrtEnvironment env, InferenceInputs request) {
        if (request.tensors().size() == 1) {
            Tensor only = request.tensors().values().iterator().next();
            try {
                return Map.of(only.name(), create(env, only));
            } catch (OrtException e) {
                throw new SextantException(ErrorCode.INTERNAL_ERROR, "ONNX Runtime could not take the inputs: " + e.getMessage(), e);
            }
        }
        Map<String, OnnxTensor> bound = new HashMap<>(request.tensors().size() * 2);
        try {
            for (Tensor tensor : request.tensors().values()) {
                bound.put(tensor.name(), create(env, tensor));
            }
            return bound;
        } catch (OrtException | RuntimeException e) {
            bound.values().forEach(OnnxTensor::close);
            throw new SextantException(ErrorCode.INTERNAL_ERROR, "ONNX Runtime could not take the inputs: " + e.getMessage(), e);
        }
    }

    void validate(InferenceInputs request) {
        for (Tensor tensor : request.tensors().values()) {
            TensorMetadata expected = byName.get(tensor.name());
            if (expected == null) {
                throw refuse("Unknown input '" + tensor.name() + "'.");
            }
            check(tensor, expected);
        }
        for (TensorMetadata input : inputs) {
            if (!request.tensors().containsKey(input.name())) {
                throw refuse("Missing input '" + input.name() + "' (" + input.datatype() + " " + input.shape() + ").");
            }
        }
        checkBatch(request);
    }

    /**
     * Whether the inputs share a batch dimension: every input's first dimension is free and they
     * all carry the same symbolic name, or none (as converters of tabular models write them).
     * Then one row of a table spreads over all inputs and they must agree on the row count;
     * ONNX Runtime would otherwise fail deep inside the graph.
     */
    private static boolean sharesBatch(List<TensorMetadata> inputs, Map<String, String> firstDimensionNames) {
        if (inputs.size() < 2 || !inputs.stream().allMatch(input -> !input.shape().isEmpty() && input.shape().get(0) < 0)) {
            return false;
        }
        return inputs.stream().map(input -> firstDimensionNames.getOrDefault(input.name(), "")).distinct().count() == 1;
    }

    private void checkBatch(InferenceInputs request) {
        if (!sharedBatch) {
            return;
        }
        Tensor first = request.tensors().get(inputs.get(0).name());
        for (TensorMetadata input : inputs) {
            Tensor tensor = request.tensors().get(input.name());
            if (tensor.dimension(0) != first.dimension(0)) {
                throw refuse("Inputs disagree on the batch size: '" + first.name() + "' has " + first.dimension(0)
                        + " rows but '" + tensor.name() + "' has " + tensor.dimension(0) + "; give every input the same number of rows.");
            }
        }
    }

    private void check(Tensor tensor, TensorMetadata expected) {
        if (expected.kind() != TensorMetadata.Kind.TENSOR) {
            throw new SextantException(ErrorCode.NOT_IMPLEMENTED, "Model input '" + expected.name()
                    + "' is not a tensor; the runtime serves models whose inputs are all tensors.");
        }
        if (!expected.datatype().supported()) {
            throw new SextantException(ErrorCode.NOT_IMPLEMENTED, "Model input '" + expected.name() + "' is "
                    + expected.datatype() + ", which the runtime does not take yet (it takes BOOL, INT32, INT64, FP32, FP64, BYTES).");
        }
        if (tensor.datatype() != expected.datatype()) {
            throw refuse("Input '" + tensor.name() + "' has datatype " + tensor.datatype() + ", but the model expects "
                    + expected.datatype() + ".");
        }
        List<Long> shape = expected.shape();
        boolean fits = tensor.rank() == shape.size();
        for (int axis = 0; fits && axis < shape.size(); axis++) {
            fits = shape.get(axis) < 0 || shape.get(axis) == tensor.dimension(axis);
        }
        if (!fits) {
            throw refuse("Input '" + tensor.name() + "' has shape " + Arrays.toString(tensor.shape())
                    + ", but the model expects " + shape + " (-1: any size).");
        }
    }

    private SextantException refuse(String problem) {
        return SextantException.invalid(problem + " Model inputs: " + described + ".");
    }

    private static OnnxTensor create(OrtEnvironment env, Tensor tensor) throws OrtException {
        long[] shape = tensor.shape();
        return switch (tensor.data()) {
            case float[] values -> OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape);
            case double[] values -> OnnxTensor.createTensor(env, DoubleBuffer.wrap(values), shape);
            case int[] values -> OnnxTensor.createTensor(env, IntBuffer.wrap(values), shape);
            case long[] values -> OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape);
            case boolean[] values -> OnnxTensor.createTensor(env, bytes(values), shape, OnnxJavaType.BOOL);
            case String[] values -> OnnxTensor.createTensor(env, values, shape);
            default -> throw new IllegalStateException("tensor data of " + tensor.datatype());
        };
    }

    private static ByteBuffer bytes(boolean[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length);
        for (boolean value : values) {
            buffer.put((byte) (value ? 1 : 0));
        }
        return buffer.flip();
    }
}
