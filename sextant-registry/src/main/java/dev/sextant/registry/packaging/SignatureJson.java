package dev.sextant.registry.packaging;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.SextantException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON text MLflow stores in {@code signature.inputs} and {@code signature.outputs}: a list of
 * tensor specs or column specs, written with Python's {@code json.dumps} spacing and key order so
 * files written here look like files written by MLflow.
 */
public final class SignatureJson {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SignatureJson() {
    }

    /** Parses a spec list; {@code what} names it in errors (e.g. "signature inputs"). */
    public static List<FieldSpec> parse(String json, String what) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw SextantException.invalid("Invalid " + what + ": not JSON (" + e.getOriginalMessage() + ").");
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return List.of();
        }
        if (!root.isArray()) {
            throw SextantException.invalid("Invalid " + what + ": expected a JSON list of tensor or column specs.");
        }
        List<FieldSpec> specs = new ArrayList<>();
        for (JsonNode spec : root) {
            specs.add(spec(spec, what));
        }
        return specs;
    }

    /** The spec list as MLflow writes it; an empty list is {@code []}. */
    public static String write(List<FieldSpec> specs) {
        ArrayNode array = NODES.arrayNode();
        specs.forEach(spec -> array.add(node(spec)));
        return pythonStyle(array);
    }

    private static FieldSpec spec(JsonNode spec, String what) {
        if (!spec.isObject()) {
            throw SextantException.invalid("Invalid " + what + ": each entry must be an object, got " + spec + ".");
        }
        String type = spec.path("type").asText("");
        String name = spec.path("name").isTextual() ? spec.path("name").asText() : "";
        if (type.equals("tensor")) {
            JsonNode tensor = spec.path("tensor-spec");
            String dtype = tensor.path("dtype").asText("");
            if (dtype.isEmpty()) {
                throw SextantException.invalid("Invalid " + what + ": tensor spec " + spec
                        + " has no tensor-spec.dtype.");
            }
            List<Long> shape = new ArrayList<>();
            tensor.path("shape").forEach(dim -> shape.add(dim.asLong(-1)));
            return new TensorSpec(name, dtype, shape);
        }
        if (type.isEmpty()) {
            throw SextantException.invalid("Invalid " + what + ": entry " + spec + " has no type.");
        }
        Map<String, String> other = new LinkedHashMap<>();
        spec.properties().forEach(field -> {
            if (!List.of("type", "name", "required").contains(field.getKey())) {
                other.put(field.getKey(), field.getValue().toString());
            }
        });
        return new ColumnSpec(name, type, spec.path("required").asBoolean(true), other);
    }

    private static ObjectNode node(FieldSpec spec) {
        ObjectNode node = NODES.objectNode();
        switch (spec) {
            case TensorSpec tensor -> {
                if (!tensor.name().isEmpty()) {
                    node.put("name", tensor.name());
                }
                node.put("type", "tensor");
                ObjectNode body = node.putObject("tensor-spec");
                body.put("dtype", tensor.dtype());
                ArrayNode shape = body.putArray("shape");
                tensor.shape().forEach(shape::add);
            }
            case ColumnSpec column -> {
                node.put("type", column.type());
                column.otherFields().forEach((key, json) -> node.set(key, parseFragment(json)));
                if (!column.name().isEmpty()) {
                    node.put("name", column.name());
                }
                node.put("required", column.required());
            }
        }
        return node;
    }

    static JsonNode parseFragment(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw SextantException.invalid("Invalid JSON fragment in a model description: " + json);
        }
    }

    /** JSON with Python's default separators: {@code ", "} and {@code ": "}. */
    static String pythonStyle(JsonNode node) {
        try {
            return JSON.writer(new PythonSeparators()).writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Python's {@code json.dumps} default spacing. */
    private static final class PythonSeparators extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }
}
