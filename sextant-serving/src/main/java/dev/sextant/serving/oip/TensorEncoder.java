package dev.sextant.serving.oip;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.serving.runtime.Tensor;

/** A tensor as a {@code $response_output}: flat row-major data. */
final class TensorEncoder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TensorEncoder() {
    }

    static ObjectNode encode(Tensor tensor) {
        ObjectNode node = NODES.objectNode();
        node.put("name", tensor.name());
        node.put("datatype", tensor.datatype().name());
        ArrayNode shape = node.putArray("shape");
        for (long dim : tensor.shape()) {
            shape.add(dim);
        }
        ArrayNode data = node.putArray("data");
        switch (tensor.datatype()) {
            case FP32 -> {
                for (float value : tensor.floats()) {
                    addFloating(data, value);
                }
            }
            case FP64 -> {
                for (double value : tensor.doubles()) {
                    addFloating(data, value);
                }
            }
            case INT32 -> {
                for (int value : tensor.ints()) {
                    data.add(value);
                }
            }
            case INT64 -> {
                for (long value : tensor.longs()) {
                    data.add(value);
                }
            }
            case BOOL -> {
                for (boolean value : tensor.bools()) {
                    data.add(value);
                }
            }
            case BYTES -> {
                for (String value : tensor.strings()) {
                    data.add(value);
                }
            }
            default -> throw new IllegalStateException("tensor of " + tensor.datatype());
        }
        return node;
    }

    /** JSON has no NaN or infinities; they go out as the strings the decoder takes back. */
    private static void addFloating(ArrayNode data, double value) {
        if (Double.isNaN(value)) {
            data.add("NaN");
        } else if (Double.isInfinite(value)) {
            data.add(value > 0 ? "Infinity" : "-Infinity");
        } else {
            data.add(value);
        }
    }

    private static void addFloating(ArrayNode data, float value) {
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            addFloating(data, (double) value);
        } else {
            data.add(value);
        }
    }
}
