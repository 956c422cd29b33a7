package dev.sextant.serving.scoring;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.SextantException;
import dev.sextant.serving.oip.OipTensors;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.InferenceOutputs;
import dev.sextant.serving.runtime.OutputValue;
import dev.sextant.serving.runtime.ProbabilityMaps;
import dev.sextant.serving.runtime.Tensor;
import dev.sextant.serving.runtime.TensorMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * MLflow's scoring protocol ({@code POST /invocations}): a body with exactly one of
 * {@code dataframe_split}, {@code dataframe_records}, {@code instances} or {@code inputs} becomes
 * the model's input tensors, and the outputs go back as {@code {"predictions": …}}. Tables feed a
 * model either column by column (columns named like the model's inputs) or as one matrix (a model
 * with one {@code [-1, k]} input and k columns, in column order).
 */
public final class MlflowScoring {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final List<String> FORMATS = List.of("dataframe_split", "dataframe_records", "instances", "inputs");

    private MlflowScoring() {
    }

    public static InferenceInputs decode(JsonNode body, List<TensorMetadata> modelInputs) {
        if (body == null || !body.isObject()) {
            throw SextantException.invalid("The scoring request must be a JSON object with one of " + FORMATS + ".");
        }
        List<String> given = FORMATS.stream().filter(body::has).toList();
        if (given.size() != 1) {
            throw SextantException.invalid((given.isEmpty() ? "The request has none of " : "The request has several of ")
                    + FORMATS + "; send exactly one. The model takes: " + describe(modelInputs) + ".");
        }
        JsonNode payload = body.get(given.get(0));
        return switch (given.get(0)) {
            case "dataframe_split" -> Table.split(payload).toInputs(modelInputs);
            case "dataframe_records" -> Table.records(payload, "dataframe_records").toInputs(modelInputs);
            case "instances" -> instances(payload, modelInputs);
            default -> tensors(payload, modelInputs);
        };
    }

    /**
     * Writes the value of {@code "predictions"}: one output as a list per row, several as one record
     * per row. Written straight to the generator: on the scoring hot path a tree costs more than
     * writing it.
     */
    public static void writePredictions(JsonGenerator json, InferenceOutputs outputs) throws IOException {
        List<Column> columns = outputs.values().stream().map(Column::of).toList();
        json.writeStartArray();
        if (columns.size() == 1) {
            Column only = columns.get(0);
            for (int r = 0; r < only.rows(); r++) {
                only.writeRow(json, r);
            }
        } else {
            int rows = columns.stream().mapToInt(Column::rows).max().orElse(0);
            for (int r = 0; r < rows; r++) {
                json.writeStartObject();
                for (Column column : columns) {
                    if (r < column.rows()) {
                        json.writeFieldName(column.name());
                        column.writeRow(json, r);
                    }
                }
                json.writeEndObject();
            }
        }
        json.writeEndArray();
    }

    /**
     * One output as rows, its values read once: a 1-D tensor's elements each make a row, a
     * probability map's row is an object of label → probability.
     *
     * @param data the tensor's values, or the maps' probabilities row-major
     * @param labels the maps' labels, empty for a tensor
     */
    private record Column(String name, Object data, List<String> labels, int rows, int rowSize) {
        static Column of(OutputValue value) {
            return switch (value) {
                case ProbabilityMaps maps -> new Column(maps.name(), maps.asTensor().floats(), maps.labels(),
                        maps.rowCount(), maps.labels().size());
                case Tensor tensor -> tensor.rank() <= 1
                        ? new Column(tensor.name(), values(tensor), List.of(), tensor.elementCount(), 0)
                        : new Column(tensor.name(), values(tensor), List.of(), (int) tensor.dimension(0),
                        tensor.dimension(0) == 0 ? 0 : tensor.elementCount() / (int) tensor.dimension(0));
            };
        }

        private static Object values(Tensor tensor) {
            return switch (tensor.datatype()) {
                case FP32 -> tensor.floats();
                case FP64 -> tensor.doubles();
                case INT32 -> tensor.ints();
                case INT64 -> tensor.longs();
                case BOOL -> tensor.bools();
                case BYTES -> tensor.strings();
                default -> throw new IllegalStateException("tensor of " + tensor.datatype());
            };
        }

        /** One element as {@link OipTensors#encode} writes it: non-finite numbers as strings. */
        private void write(JsonGenerator json, int at) throws IOException {
            switch (data) {
                case float[] v -> {
                    if (Float.isFinite(v[at])) {
                        json.writeNumber(v[at]);
                    } else {
                        json.writeString(Float.isNaN(v[at]) ? "NaN" : v[at] > 0 ? "Infinity" : "-Infinity");
                    }
                }
                case double[] v -> {
                    if (Double.isFinite(v[at])) {
                        json.writeNumber(v[at]);
                    } else {
                        json.writeString(Double.isNaN(v[at]) ? "NaN" : v[at] > 0 ? "Infinity" : "-Infinity");
                    }
                }
                case int[] v -> json.writeNumber(v[at]);
                case long[] v -> json.writeNumber(v[at]);
                case boolean[] v -> json.writeBoolean(v[at]);
                case String[] v -> json.writeString(v[at]);
                default -> throw new IllegalStateException("tensor data " + data.getClass());
            }
        }

        void writeRow(JsonGenerator json, int row) throws IOException {
            if (!labels.isEmpty()) {
                json.writeStartObject();
                for (int i = 0; i < rowSize; i++) {
                    json.writeFieldName(labels.get(i));
                    write(json, row * rowSize + i);
                }
                json.writeEndObject();
            } else if (rowSize == 0) {
                write(json, row);
            } else {
                json.writeStartArray();
                for (int i = 0; i < rowSize; i++) {
                    write(json, row * rowSize + i);
                }
                json.writeEndArray();
            }
        }
    }

    private static InferenceInputs instances(JsonNode payload, List<TensorMetadata> modelInputs) {
        if (!payload.isArray() || payload.isEmpty()) {
            throw SextantException.invalid("'instances' must be a non-empty list of rows.");
        }
        if (payload.get(0).isObject()) {
            return Table.records(payload, "instances").toInputs(modelInputs);
        }
        return tensors(payload, modelInputs);
    }

    /** {@code inputs}: a (nested) list for a one-input model, or an object of lists by input name. */
    private static InferenceInputs tensors(JsonNode payload, List<TensorMetadata> modelInputs) {
        List<Tensor> tensors = new ArrayList<>();
        if (payload.isObject()) {
            for (Map.Entry<String, JsonNode> field : payload.properties()) {
                TensorMetadata input = modelInputs.stream().filter(i -> i.name().equals(field.getKey())).findFirst()
                        .orElseThrow(() -> SextantException.invalid("Unknown input '" + field.getKey()
                                + "'. The model takes: " + describe(modelInputs) + "."));
                tensors.add(tensor(input, field.getValue()));
            }
        } else if (payload.isArray()) {
            if (modelInputs.size() != 1) {
                throw SextantException.invalid("A bare list of values feeds a model with one input, but this one takes "
                        + describe(modelInputs) + "; send {\"inputs\": {\"<name>\": [...], ...}}.");
            }
            tensors.add(tensor(modelInputs.get(0), payload));
        } else {
            throw SextantException.invalid("'inputs' must be a list or an object of lists by input name.");
        }
        return InferenceInputs.of(tensors, Set.of());
    }

    /** A tensor for {@code input} from nested data; its shape is the nesting's, padded to the model's rank. */
    static Tensor tensor(TensorMetadata input, JsonNode data) {
        List<Long> shape = new ArrayList<>();
        JsonNode probe = data;
        while (probe.isArray()) {
            shape.add((long) probe.size());
            if (probe.isEmpty()) {
                break;
            }
            probe = probe.get(0);
        }
        while (shape.size() < input.shape().size()) {
            shape.add(1L);
        }
        ObjectNode oip = NODES.objectNode();
        oip.put("name", input.name());
        oip.put("datatype", input.datatype().name());
        ArrayNode shapeNode = oip.putArray("shape");
        shape.forEach(shapeNode::add);
        oip.set("data", data);
        return OipTensors.decodeInput(oip);
    }

    static String describe(List<TensorMetadata> inputs) {
        return inputs.stream().map(TensorMetadata::describe).collect(Collectors.joining(", "));
    }
}
