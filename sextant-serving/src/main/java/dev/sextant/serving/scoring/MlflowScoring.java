package dev.sextant.serving.scoring;

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

    /** {@code {"predictions": …}}: one output as a list per row; several as one record per row. */
    public static ObjectNode predictions(InferenceOutputs outputs) {
        ObjectNode body = NODES.objectNode();
        List<OutputValue> values = outputs.values();
        if (values.size() == 1) {
            body.set("predictions", rows(values.get(0)));
            return body;
        }
        List<ArrayNode> columns = values.stream().map(MlflowScoring::rows).toList();
        int rows = columns.stream().mapToInt(ArrayNode::size).max().orElse(0);
        ArrayNode records = body.putArray("predictions");
        for (int r = 0; r < rows; r++) {
            ObjectNode record = records.addObject();
            for (int c = 0; c < values.size(); c++) {
                if (r < columns.get(c).size()) {
                    record.set(values.get(c).name(), columns.get(c).get(r));
                }
            }
        }
        return body;
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

    private static ArrayNode rows(OutputValue value) {
        ArrayNode rows = NODES.arrayNode();
        switch (value) {
            case ProbabilityMaps maps -> maps.rows().forEach(row -> {
                ObjectNode node = rows.addObject();
                row.forEach((label, p) -> node.put(label, p));
            });
            case Tensor tensor -> {
                JsonNode flat = OipTensors.encode(tensor).get("data");
                long[] shape = tensor.shape();
                if (shape.length <= 1) {
                    flat.forEach(rows::add);
                } else {
                    int rowSize = shape[0] == 0 ? 0 : tensor.elementCount() / (int) shape[0];
                    for (int r = 0; r < shape[0]; r++) {
                        ArrayNode row = rows.addArray();
                        for (int i = 0; i < rowSize; i++) {
                            row.add(flat.get(r * rowSize + i));
                        }
                    }
                }
            }
        }
        return rows;
    }

    static String describe(List<TensorMetadata> inputs) {
        return inputs.stream().map(TensorMetadata::describe).collect(Collectors.joining(", "));
    }
}
