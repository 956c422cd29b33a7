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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns ONNX Runtime results into plain values: tensors into {@link Tensor}s, ZipMap outputs
 * (a sequence of {@link OnnxMap}s, which are not {@code java.util.Map}s) into {@link ProbabilityMaps}.
 */
final class OutputConverter {
    /** ZipMap outputs by name and their label type, as the model declares them. */
    private final Map<String, Datatype> labelTypes;

    OutputConverter(Map<String, Datatype> labelTypes) {
        this.labelTypes = Map.copyOf(labelTypes);
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

    private static ProbabilityMaps probabilities(String name, OnnxSequence sequence, Datatype labelType) throws OrtException {
        // ONNX Runtime cannot read the element type of an empty sequence (an empty batch)
        List<? extends OnnxValue> elements = sequence.getInfo().length == 0 ? List.of() : sequence.getValue();
        List<Map<String, Float>> rows = new ArrayList<>(elements.size());
        boolean integerLabels = labelType == Datatype.INT64;
        for (OnnxValue element : elements) {
            Map<?, ?> map = ((OnnxMap) element).getValue();
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            entries.sort(integerLabels
                    ? Comparator.comparingLong(entry -> (Long) entry.getKey())
                    : Comparator.comparing(entry -> (String) entry.getKey()));
            Map<String, Float> row = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : entries) {
                row.put(String.valueOf(entry.getKey()), ((Number) entry.getValue()).floatValue());
            }
            rows.add(row);
        }
        return new ProbabilityMaps(name, labelType, rows);
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
