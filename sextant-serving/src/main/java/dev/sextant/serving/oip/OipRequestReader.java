package dev.sextant.serving.oip;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sextant.serving.runtime.Datatype;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an {@code $inference_request} straight from the parser into tensors, without building a
 * JSON tree: on the one-row requests that dominate online serving, the tree costs as much as the
 * rest of decoding. It reads only what it can read without doubt, in the order clients write it
 * (each input's {@code data} after its name, shape and datatype). Anything else — malformed JSON,
 * a value of the wrong kind, a count that does not match, a batch beyond the row limit, a field
 * given twice — gives empty, and the caller decodes the body with {@link OipTensors}, which
 * answers the same request the same way and explains what is wrong with a bad one.
 */
public final class OipRequestReader {

    /**
     * A decoded request.
     *
     * @param id the request's {@code id} when it is a string
     * @param rows the largest first dimension of any input, as the row limit counts them
     */
    public record Request(InferenceInputs inputs, Optional<String> id, long rows) {
    }

    /** Thrown inside the reader when the request is not one it reads; never escapes. */
    private static final class NotPlain extends Exception {
        private static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super(null, null, false, false);
        }
    }

    private final JsonParser parser;
    private final long maxRows;

    private OipRequestReader(JsonParser parser, long maxRows) {
        this.parser = parser;
        this.maxRows = maxRows;
    }

    /** The request in {@code parser}'s input, or empty when it should be decoded the careful way. */
    public static Optional<Request> read(JsonParser parser, long maxRows) {
        try {
            return Optional.of(new OipRequestReader(parser, maxRows).request());
        } catch (NotPlain | IOException e) {
            // IOException: malformed JSON (a JacksonException) or the body ended early
            return Optional.empty();
        }
    }

    private Request request() throws IOException, NotPlain {
        expect(parser.nextToken() == JsonToken.START_OBJECT);
        List<Tensor> tensors = null;
        Set<String> outputs = Set.of();
        Optional<String> id = Optional.empty();
        Set<String> seen = new HashSet<>(4);
        long rows = 0;
        for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
            expect(seen.add(field));
            JsonToken value = parser.nextToken();
            switch (field) {
                case "inputs" -> {
                    expect(value == JsonToken.START_ARRAY);
                    tensors = new ArrayList<>(1);
                    Set<String> names = new HashSet<>(2);
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        Tensor tensor = input();
                        expect(names.add(tensor.name()));
                        tensors.add(tensor);
                        if (tensor.rank() > 0) {
                            rows = Math.max(rows, tensor.dimension(0));
                        }
                    }
                    expect(parser.currentToken() == JsonToken.END_ARRAY && !tensors.isEmpty());
                }
                case "outputs" -> outputs = value == JsonToken.VALUE_NULL ? Set.of() : outputs();
                case "id" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        id = Optional.of(parser.getText());
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        expect(tensors != null && parser.nextToken() == null);
        return new Request(InferenceInputs.of(tensors, outputs), id, rows);
    }

    private Set<String> outputs() throws IOException, NotPlain {
        expect(parser.currentToken() == JsonToken.START_ARRAY);
        Set<String> names = new LinkedHashSet<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String name = null;
            for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                JsonToken value = parser.nextToken();
                if (field.equals("name")) {
                    expect(name == null && value == JsonToken.VALUE_STRING);
                    name = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            expect(name != null && !name.isEmpty());
            names.add(name);
        }
        expect(parser.currentToken() == JsonToken.END_ARRAY);
        return names;
    }

    /** One input object, the parser on its START_OBJECT. */
    private Tensor input() throws IOException, NotPlain {
        String name = null;
        long[] shape = null;
        Datatype datatype = null;
        Tensor tensor = null;
        for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
            JsonToken value = parser.nextToken();
            switch (field) {
                case "name" -> {
                    expect(name == null && value == JsonToken.VALUE_STRING);
                    name = parser.getText();
                    expect(!name.isBlank());
                }
                case "shape" -> {
                    expect(shape == null && value == JsonToken.START_ARRAY);
                    shape = shape();
                }
                case "datatype" -> {
                    expect(datatype == null && value == JsonToken.VALUE_STRING);
                    datatype = Datatype.named(parser.getText()).filter(Datatype::supported).orElseThrow(() -> NotPlain.INSTANCE);
                }
                case "data" -> {
                    expect(tensor == null && name != null && shape != null && datatype != null
                            && value == JsonToken.START_ARRAY);
                    tensor = data(name, shape, datatype);
                }
                default -> parser.skipChildren();
            }
        }
        expect(tensor != null);
        return tensor;
    }

    private long[] shape() throws IOException, NotPlain {
        long[] dims = new long[4];
        int rank = 0;
        while (parser.nextToken() == JsonToken.VALUE_NUMBER_INT) {
            expect(parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER);
            long dim = parser.getLongValue();
            expect(dim >= 0);
            if (rank == dims.length) {
                dims = Arrays.copyOf(dims, rank * 2);
            }
            dims[rank++] = dim;
        }
        expect(parser.currentToken() == JsonToken.END_ARRAY);
        return Arrays.copyOf(dims, rank);
    }

    /** The data array, nested or flat, the parser on its START_ARRAY. */
    private Tensor data(String name, long[] shape, Datatype datatype) throws IOException, NotPlain {
        long count = 1;
        for (long dim : shape) {
            count = dim == 0 ? 0 : count > TensorDecoder.MAX_ELEMENTS / dim ? TensorDecoder.MAX_ELEMENTS + 1 : count * dim;
        }
        expect(count <= TensorDecoder.MAX_ELEMENTS && (shape.length == 0 || shape[0] <= maxRows));
        Values values = new Values(datatype, (int) count);
        int depth = 1;
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_ARRAY) {
                depth++;
            } else if (token == JsonToken.END_ARRAY) {
                depth--;
            } else {
                values.put(parser, token);
            }
        }
        expect(values.count == count);
        return values.tensor(name, shape);
    }

    /** A typed array filled element by element; any element not of the datatype's kind is NotPlain. */
    private static final class Values {
        private final Datatype datatype;
        private final Object array;
        private final int capacity;
        private int count;

        Values(Datatype datatype, int capacity) {
            this.datatype = datatype;
            this.capacity = capacity;
            this.array = switch (datatype) {
                case FP32 -> new float[capacity];
                case FP64 -> new double[capacity];
                case INT32 -> new int[capacity];
                case INT64 -> new long[capacity];
                case BOOL -> new boolean[capacity];
                default -> new String[capacity];
            };
        }

        void put(JsonParser parser, JsonToken token) throws IOException, NotPlain {
            expect(count < capacity);
            switch (array) {
                case float[] v -> v[count] = (float) floating(parser, token);
                case double[] v -> v[count] = floating(parser, token);
                case int[] v -> {
                    expect(token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT);
                    v[count] = parser.getIntValue();
                }
                case long[] v -> {
                    expect(token == JsonToken.VALUE_NUMBER_INT
                            && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER);
                    v[count] = parser.getLongValue();
                }
                case boolean[] v -> {
                    expect(token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE);
                    v[count] = token == JsonToken.VALUE_TRUE;
                }
                case String[] v -> {
                    expect(token == JsonToken.VALUE_STRING);
                    v[count] = parser.getText();
                }
                default -> throw NotPlain.INSTANCE;
            }
            count++;
        }

        /** Numbers, and the strings OipTensors takes for non-finite values. */
        private static double floating(JsonParser parser, JsonToken token) throws IOException, NotPlain {
            if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
                return parser.getDoubleValue();
            }
            expect(token == JsonToken.VALUE_STRING);
            return switch (parser.getText()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw NotPlain.INSTANCE;
            };
        }

        Tensor tensor(String name, long[] shape) {
            return switch (array) {
                case float[] v -> Tensor.floats(name, shape, v);
                case double[] v -> Tensor.doubles(name, shape, v);
                case int[] v -> Tensor.ints(name, shape, v);
                case long[] v -> Tensor.longs(name, shape, v);
                case boolean[] v -> Tensor.bools(name, shape, v);
                case String[] v -> Tensor.strings(name, shape, v);
                default -> throw new IllegalStateException("tensor of " + datatype);
            };
        }
    }

    private static void expect(boolean plain) throws NotPlain {
        if (!plain) {
            throw NotPlain.INSTANCE;
        }
    }
}
