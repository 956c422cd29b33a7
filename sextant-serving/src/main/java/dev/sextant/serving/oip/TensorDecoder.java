package dev.sextant.serving.oip;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.api.SextantException;
import dev.sextant.serving.runtime.Datatype;
import dev.sextant.serving.runtime.Tensor;
import java.util.Arrays;

/** Fills a typed array from nested or flat JSON data, checking each element and the count. */
final class TensorDecoder {
    /** Beyond this the request is refused before anything is allocated. */
    static final long MAX_ELEMENTS = 64L * 1024 * 1024;

    private final String name;
    private final Datatype datatype;
    private final Object values;
    private final int capacity;
    private int count;

    private TensorDecoder(String name, Datatype datatype, int capacity) {
        this.name = name;
        this.datatype = datatype;
        this.capacity = capacity;
        this.values = switch (datatype) {
            case FP32 -> new float[capacity];
            case FP64 -> new double[capacity];
            case INT32 -> new int[capacity];
            case INT64 -> new long[capacity];
            case BOOL -> new boolean[capacity];
            case BYTES -> new String[capacity];
            default -> throw new IllegalArgumentException("not decodable: " + datatype);
        };
    }

    static Tensor decode(String name, Datatype datatype, long[] shape, JsonNode data) {
        long expected = 1;
        for (long dim : shape) {
            expected = dim == 0 ? 0 : (expected > MAX_ELEMENTS / dim ? MAX_ELEMENTS + 1 : expected * dim);
        }
        if (expected > MAX_ELEMENTS) {
            throw SextantException.invalid("Input '" + name + "' has shape " + Arrays.toString(shape) + ", more than "
                    + MAX_ELEMENTS + " elements; send smaller batches.");
        }
        TensorDecoder decoder = new TensorDecoder(name, datatype, (int) expected);
        decoder.walk(data);
        if (decoder.count != expected) {
            throw decoder.countMismatch(shape, expected, decoder.count);
        }
        return switch (decoder.values) {
            case float[] v -> Tensor.floats(name, shape, v);
            case double[] v -> Tensor.doubles(name, shape, v);
            case int[] v -> Tensor.ints(name, shape, v);
            case long[] v -> Tensor.longs(name, shape, v);
            case boolean[] v -> Tensor.bools(name, shape, v);
            case String[] v -> Tensor.strings(name, shape, v);
            default -> throw new IllegalStateException();
        };
    }

    private void walk(JsonNode node) {
        if (node.isArray()) {
            for (JsonNode element : node) {
                walk(element);
            }
            return;
        }
        if (count < capacity) {
            put(node);
        }
        count++;
    }

    private void put(JsonNode element) {
        switch (values) {
            case float[] v -> v[count] = (float) floating(element);
            case double[] v -> v[count] = floating(element);
            case int[] v -> {
                if (!element.isIntegralNumber() || !element.canConvertToInt()) {
                    throw wrongElement(element, "whole numbers from -2147483648 to 2147483647");
                }
                v[count] = element.intValue();
            }
            case long[] v -> {
                if (!element.isIntegralNumber() || !element.canConvertToLong()) {
                    throw wrongElement(element, "whole numbers that fit in 64 bits");
                }
                v[count] = element.longValue();
            }
            case boolean[] v -> {
                if (!element.isBoolean()) {
                    throw wrongElement(element, "true or false");
                }
                v[count] = element.booleanValue();
            }
            case String[] v -> {
                if (!element.isTextual()) {
                    throw wrongElement(element, "strings");
                }
                v[count] = element.textValue();
            }
            default -> throw new IllegalStateException();
        }
    }

    private double floating(JsonNode element) {
        if (element.isNumber()) {
            return element.doubleValue();
        }
        if (element.isTextual()) {
            switch (element.textValue()) {
                case "NaN" -> {
                    return Double.NaN;
                }
                case "Infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-Infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> {
                    // not a number: refused below
                }
            }
        }
        throw wrongElement(element, "numbers (or \"NaN\", \"Infinity\", \"-Infinity\")");
    }

    private SextantException wrongElement(JsonNode element, String needed) {
        return SextantException.invalid("Input '" + name + "': element " + count + " of 'data' is "
                + OipTensors.abbreviate(element) + ", but datatype " + datatype + " takes " + needed + ".");
    }

    private SextantException countMismatch(long[] shape, long expected, long actual) {
        return SextantException.invalid("Input '" + name + "' has " + actual + " data elements, but its shape "
                + Arrays.toString(shape) + " holds " + expected + ".");
    }
}
