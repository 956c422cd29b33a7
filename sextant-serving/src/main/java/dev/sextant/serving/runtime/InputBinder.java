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
import java.util.ArrayList;
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
    private final InputBuffers buffers = new InputBuffers();

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
    Bound bind(OrtEnvironment env, InferenceInputs request) {
        Bound bound = new Bound(request.tensors().size(), buffers);
        try {
            for (Tensor tensor : request.tensors().values()) {
                bound.add(tensor.name(), create(env, tensor, bound));
            }
            return bound;
        } catch (OrtException | RuntimeException e) {
            bound.close();
            throw new SextantException(ErrorCode.INTERNAL_ERROR, "ONNX Runtime could not take the inputs: " + e.getMessage(), e);
        }
    }

    /** The tensors of one call; closing them returns their native memory for the next call. */
    static final class Bound implements AutoCloseable {
        private final Map<String, OnnxTensor> tensors;
        private final List<ByteBuffer> lent;
        private final InputBuffers buffers;

        private Bound(int size, InputBuffers buffers) {
            this.tensors = new HashMap<>(size * 2);
            this.lent = new ArrayList<>(size);
            this.buffers = buffers;
        }

        Map<String, OnnxTensor> tensors() {
            return tensors;
        }

        private void add(String name, OnnxTensor tensor) {
            tensors.put(name, tensor);
        }

        private ByteBuffer lend(int bytes) {
            ByteBuffer buffer = buffers.lend(bytes);
            lent.add(buffer);
            return buffer;
        }

        @Override
        public void close() {
            tensors.values().forEach(OnnxTensor::close);
            lent.forEach(buffers::giveBack);
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

    /** The tensor over lent native memory (strings excepted: ONNX Runtime copies those itself). */
    private static OnnxTensor create(OrtEnvironment env, Tensor tensor, Bound bound) throws OrtException {
        long[] shape = tensor.shape();
        return switch (tensor.data()) {
            case float[] values -> {
                FloatBuffer buffer = bound.lend(values.length * Float.BYTES).asFloatBuffer().put(values).flip();
                yield OnnxTensor.createTensor(env, buffer, shape);
            }
            case double[] values -> {
                DoubleBuffer buffer = bound.lend(values.length * Double.BYTES).asDoubleBuffer().put(values).flip();
                yield OnnxTensor.createTensor(env, buffer, shape);
            }
            case int[] values -> {
                IntBuffer buffer = bound.lend(values.length * Integer.BYTES).asIntBuffer().put(values).flip();
                yield OnnxTensor.createTensor(env, buffer, shape);
            }
            case long[] values -> {
                LongBuffer buffer = bound.lend(values.length * Long.BYTES).asLongBuffer().put(values).flip();
                yield OnnxTensor.createTensor(env, buffer, shape);
            }
            case boolean[] values -> {
                ByteBuffer buffer = bound.lend(values.length);
                for (boolean value : values) {
                    buffer.put((byte) (value ? 1 : 0));
                }
                yield OnnxTensor.createTensor(env, buffer.flip(), shape, OnnxJavaType.BOOL);
            }
            case String[] values -> OnnxTensor.createTensor(env, values, shape);
            default -> throw new IllegalStateException("tensor data of " + tensor.datatype());
        };
    }
}
