package dev.sextant.serving.runtime;

import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns ONNX Runtime results into plain values: tensors into {@link Tensor}s, ZipMap outputs
 * (a sequence of {@link OnnxMap}s, which are not {@code java.util.Map}s) into {@link ProbabilityMaps},
 * and so too the probability tensors of ZipMaps that {@link ZipMapBypass} took out of the graph.
 */
final class OutputConverter {
    /** ZipMap outputs by name and their label type, as the model declares them. */
    private final Map<String, Datatype> labelTypes;
    /** Outputs whose ZipMap was replaced: ONNX Runtime returns the probability tensor. */
    private final Map<String, ZipMapLabels> bypassed;
    private final Map<String, Labels> lastLabels = new ConcurrentHashMap<>();

    OutputConverter(Map<String, Datatype> labelTypes, Map<String, ZipMapLabels> bypassed) {
        this.labelTypes = Map.copyOf(labelTypes);
        this.bypassed = Map.copyOf(bypassed);
    }

    InferenceOutputs convert(OrtSession.Result result) throws OrtException {
        List<OutputValue> values = new ArrayList<>(result.size());
        for (Map.Entry<String, OnnxValue> output : result) {
            values.add(convert(output.getKey(), output.getValue()));
        }
        return new InferenceOutputs(values);
    }

    OutputValue convert(String name, OnnxValue value) throws OrtException {
        return switch (value) {
            case OnnxTensor tensor when bypassed.containsKey(name) -> bypassed.get(name).maps(name, tensor);
            case OnnxTensor tensor -> tensor(name, tensor);
            // an empty sequence does not say what it would hold: the model's declaration does
            case OnnxSequence sequence when labelTypes.containsKey(name) -> probabilities(name, sequence, labelTypes.get(name));
            default -> throw unsupported(name, value.getType().toString());
        };
    }

    private static Tensor tensor(String name, OnnxTensor tensor) throws OrtException {
        TensorInfo info = tensor.getInfo();
        long[] shape = info.getShape();
        Datatype datatype = OnnxTypes.datatype(info.onnxType);
        Object data = switch (datatype) {
            case FP32 -> {
                FloatBuffer buffer = tensor.getFloatBuffer();
                if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.remaining() == buffer.array().length) {
                    yield buffer.array(); // already a private copy
                }
                float[] values = new float[buffer.remaining()];
                buffer.get(values);
                yield values;
            }
            case FP64 -> {
                DoubleBuffer buffer = tensor.getDoubleBuffer();
                double[] values = new double[buffer.remaining()];
                buffer.get(values);
                yield values;
            }
            case INT32 -> {
                IntBuffer buffer = tensor.getIntBuffer();
                int[] values = new int[buffer.remaining()];
                buffer.get(values);
                yield values;
            }
            case INT64 -> {
                LongBuffer buffer = tensor.getLongBuffer();
                if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.remaining() == buffer.array().length) {
                    yield buffer.array(); // already a private copy
                }
                long[] values = new long[buffer.remaining()];
                buffer.get(values);
                yield values;
            }
            case BOOL -> booleans(tensor.getByteBuffer());
            case BYTES -> strings(tensor.getValue(), Math.toIntExact(info.getNumElements()));
            default -> throw unsupported(name, datatype + " tensor");
        };
        return Tensor.wrap(name, datatype, shape, data);
    }

    private ProbabilityMaps probabilities(String name, OnnxSequence sequence, Datatype labelType) throws OrtException {
        // ONNX Runtime cannot read the element type of an empty sequence (an empty batch)
        List<? extends OnnxValue> elements = sequence.getInfo().length == 0 ? List.of() : sequence.getValue();
        if (elements.isEmpty()) {
            return ProbabilityMaps.wrap(name, labelType, List.of(), new float[0]);
        }
        Labels labels = null;
        float[] values = null;
        for (int row = 0; row < elements.size(); row++) {
            Map<?, ?> map = ((OnnxMap) elements.get(row)).getValue();
            if (labels == null) {
                labels = labelsOf(name, map);
                values = new float[elements.size() * labels.keys.length];
            }
            Object[] keys = labels.keys;
            if (map.size() != keys.length) {
                throw unsupported(name, "sequence of maps whose rows have different labels");
            }
            for (int column = 0; column < keys.length; column++) {
                Object probability = map.get(keys[column]);
                if (probability == null) {
                    throw unsupported(name, "sequence of maps whose rows have different labels");
                }
                values[row * keys.length + column] = ((Number) probability).floatValue();
            }
        }
        return ProbabilityMaps.wrap(name, labelType, labels.names, values);
    }

    /** The sorted labels of a ZipMap row; the same for every call, so kept from the last one. */
    private Labels labelsOf(String output, Map<?, ?> row) {
        Labels last = lastLabels.get(output);
        if (last != null && last.keys.length == row.size() && row.keySet().containsAll(Arrays.asList(last.keys))) {
            return last;
        }
        Object[] keys = row.keySet().toArray();
        Arrays.sort(keys);
        List<String> names = new ArrayList<>(keys.length);
        for (Object key : keys) {
            names.add(String.valueOf(key));
        }
        Labels labels = new Labels(keys, List.copyOf(names));
        lastLabels.put(output, labels);
        return labels;
    }

    /** Label keys as the model's maps hold them (Long or String), and as strings, in order. */
    private record Labels(Object[] keys, List<String> names) {
    }

    private static boolean[] booleans(ByteBuffer buffer) {
        boolean[] values = new boolean[buffer.remaining()];
        for (int i = 0; i < values.length; i++) {
            values[i] = buffer.get(buffer.position() + i) != 0;
        }
        return values;
    }

    /** ONNX Runtime returns string tensors as nested String arrays; flatten them row-major. */
    private static String[] strings(Object nested, int count) {
        String[] flat = new String[count];
        flatten(nested, flat, 0);
        return flat;
    }

    private static int flatten(Object value, String[] into, int at) {
        if (value instanceof String text) {
            into[at] = text;
            return at + 1;
        }
        int next = at;
        for (int i = 0; i < Array.getLength(value); i++) {
            next = flatten(Array.get(value, i), into, next);
        }
        return next;
    }

    private static SextantException unsupported(String name, String what) {
        return new SextantException(ErrorCode.NOT_IMPLEMENTED, "Model output '" + name + "' is a " + what
                + ", which the runtime cannot return; request the other outputs by name.");
    }
}
