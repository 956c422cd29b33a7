package dev.sextant.serving.oip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.SextantException;
import dev.sextant.serving.runtime.Datatype;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.InferenceOutputs;
import dev.sextant.serving.runtime.OutputValue;
import dev.sextant.serving.runtime.ProbabilityMaps;
import dev.sextant.serving.runtime.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes {@code $inference_request} inputs ({@code {"name", "shape", "datatype", "data"}}) into
 * {@link Tensor}s and encodes outputs as {@code $response_output}s. Data may be nested or flat,
 * row-major; it must hold exactly as many elements as the shape. FP32 and FP64 also take the
 * strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, which JSON numbers cannot
 * carry (missing values for imputing models). Every refusal is {@code INVALID_PARAMETER_VALUE}
 * and names the input.
 */
public final class OipTensors {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OipTensors() {
    }

    /** The inputs and requested outputs of an inference request body. */
    public static InferenceInputs decodeRequest(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw SextantException.invalid("An inference request must be a JSON object with an 'inputs' list.");
        }
        JsonNode inputs = body.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw SextantException.invalid("An inference request needs a non-empty 'inputs' list of "
                    + "{\"name\", \"shape\", \"datatype\", \"data\"} objects.");
        }
        List<Tensor> tensors = new ArrayList<>(inputs.size());
        for (JsonNode input : inputs) {
            tensors.add(decodeInput(input));
        }
        return InferenceInputs.of(tensors, requestedOutputs(body.get("outputs")));
    }

    /** One request input. */
    public static Tensor decodeInput(JsonNode input) {
        if (!input.isObject()) {
            throw SextantException.invalid("Each request input must be an object with name, shape, datatype and data; got "
                    + abbreviate(input) + ".");
        }
        JsonNode nameNode = input.get("name");
        if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isEmpty()) {
            throw SextantException.invalid("A request input has no 'name'; each input needs its model input's name.");
        }
        String name = nameNode.asText();
        long[] shape = shape(name, input.get("shape"));
        Datatype datatype = datatype(name, input.get("datatype"));
        JsonNode data = input.get("data");
        if (data == null || data.isNull()) {
            throw SextantException.invalid("Input '" + name + "' has no 'data'.");
        }
        return TensorDecoder.decode(name, datatype, shape, data);
    }

    /** The outputs as {@code $response_output} objects, in order. */
    public static ArrayNode encodeOutputs(InferenceOutputs outputs) {
        ArrayNode encoded = NODES.arrayNode();
        for (OutputValue value : outputs.values()) {
            encoded.add(encode(value));
        }
        return encoded;
    }

    /**
     * One output. Label → probability maps travel as an FP32 tensor {@code [rows, labels]}, with
     * the labels in order as a JSON list in {@code parameters.labels}.
     */
    public static ObjectNode encode(OutputValue value) {
        return switch (value) {
            case Tensor tensor -> TensorEncoder.encode(tensor);
            case ProbabilityMaps maps -> {
                ObjectNode node = TensorEncoder.encode(maps.asTensor());
                node.putObject("parameters").put("labels", OipWriter.labels(maps.labels()));
                yield node;
            }
        };
    }

    private static Set<String> requestedOutputs(JsonNode outputs) {
        Set<String> names = new LinkedHashSet<>();
        if (outputs == null || outputs.isNull()) {
            return names;
        }
        if (!outputs.isArray()) {
            throw SextantException.invalid("'outputs' must be a list of {\"name\": …} objects.");
        }
        for (JsonNode output : outputs) {
            JsonNode name = output.get("name");
            if (name == null || !name.isTextual() || name.asText().isEmpty()) {
                throw SextantException.invalid("Each requested output needs a 'name'; got " + abbreviate(output) + ".");
            }
            names.add(name.asText());
        }
        return names;
    }

    private static long[] shape(String name, JsonNode shape) {
        if (shape == null || !shape.isArray()) {
            throw SextantException.invalid("Input '" + name + "' has no 'shape'; give its dimensions, e.g. [1, 4].");
        }
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            JsonNode dim = shape.get(i);
            if (!dim.canConvertToLong() || !dim.isIntegralNumber() || dim.asLong() < 0) {
                throw SextantException.invalid("Input '" + name + "' has shape " + shape
                        + "; dimensions must be whole numbers of zero or more.");
            }
            dims[i] = dim.asLong();
        }
        return dims;
    }

    private static Datatype datatype(String name, JsonNode datatype) {
        if (datatype == null || !datatype.isTextual()) {
            throw SextantException.invalid("Input '" + name + "' has no 'datatype'; use one of BOOL, INT32, INT64, FP32, FP64, BYTES.");
        }
        Datatype type = Datatype.named(datatype.asText()).orElseThrow(() -> SextantException.invalid("Input '" + name
                + "' has datatype '" + datatype.asText() + "', which is not an Open Inference Protocol datatype; "
                + "use one of BOOL, INT32, INT64, FP32, FP64, BYTES."));
        if (!type.supported()) {
            throw SextantException.invalid("Input '" + name + "' has datatype " + type
                    + ", which the runtime does not take; use one of BOOL, INT32, INT64, FP32, FP64, BYTES.");
        }
        return type;
    }

    static String abbreviate(JsonNode node) {
        String text = String.valueOf(node);
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
