package dev.sextant.registry.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sextant.api.SextantException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads and writes {@code MLmodel} files in MLflow's layout: YAML with keys in sorted order (as
 * PyYAML's {@code safe_dump} writes them), the signature as JSON text inside YAML strings.
 * Unknown keys are kept; nothing is read from a clock.
 */
public final class MlModelCodec {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> KNOWN = Set.of("artifact_path", "flavors", "mlflow_version", "model_uuid",
            "run_id", "utc_time_created", "signature", "saved_input_example_info");

    private MlModelCodec() {
    }

    public static MlModel read(byte[] yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (java.io.IOException e) {
            throw SextantException.invalid("MLmodel is not valid YAML: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw SextantException.invalid("MLmodel must be a YAML mapping with at least a 'flavors' key.");
        }
        Map<String, Flavor> flavors = new TreeMap<>();
        JsonNode flavorsNode = root.path("flavors");
        if (!flavorsNode.isMissingNode() && !flavorsNode.isNull() && !flavorsNode.isObject()) {
            throw SextantException.invalid("MLmodel 'flavors' must be a mapping of flavor name to attributes.");
        }
        flavorsNode.properties().forEach(field -> flavors.put(field.getKey(), flavor(field.getKey(), field.getValue())));
        Map<String, String> other = new TreeMap<>();
        root.properties().forEach(field -> {
            if (!KNOWN.contains(field.getKey())) {
                other.put(field.getKey(), field.getValue().toString());
            }
        });
        return new MlModel(text(root, "artifact_path"), flavors, text(root, "mlflow_version"),
                text(root, "model_uuid"), text(root, "run_id"), text(root, "utc_time_created"),
                signature(root.path("signature")), inputExample(root.path("saved_input_example_info")), other);
    }

    public static byte[] write(MlModel model) {
        ObjectNode root = NODES.objectNode();
        putText(root, "artifact_path", model.artifactPath());
        ObjectNode flavors = root.putObject("flavors");
        model.flavors().forEach((name, flavor) -> flavors.set(name, flavorNode(flavor)));
        putText(root, "mlflow_version", model.mlflowVersion());
        putText(root, "model_uuid", model.modelUuid());
        putText(root, "run_id", model.runId());
        if (model.inputExample().isPresent()) {
            root.set("saved_input_example_info", inputExampleNode(model.inputExample()));
        }
        if (!model.signature().isEmpty()) {
            root.set("signature", signatureNode(model.signature()));
        }
        putText(root, "utc_time_created", model.utcTimeCreated());
        model.otherFields().forEach((key, json) -> root.set(key, SignatureJson.parseFragment(json)));
        return PythonYaml.dump(root).getBytes(StandardCharsets.UTF_8);
    }

    // ---- reading

    private static Flavor flavor(String name, JsonNode node) {
        if (!node.isObject()) {
            throw SextantException.invalid("MLmodel flavor '" + name + "' must be a mapping of attributes.");
        }
        return switch (name) {
            case OnnxFlavor.NAME -> new OnnxFlavor(text(node, "onnx_version"), text(node, "data"),
                    strings(node.path("providers")), others(node, Set.of("onnx_version", "data", "providers")));
            case PythonFunctionFlavor.NAME -> new PythonFunctionFlavor(text(node, "loader_module"),
                    text(node, "data"), env(node.path("env")), text(node, "python_version"),
                    others(node, Set.of("loader_module", "data", "env", "python_version")));
            default -> new OtherFlavor(name, node.toString());
        };
    }

    private static Map<String, String> env(JsonNode env) {
        Map<String, String> files = new TreeMap<>();
        if (env.isTextual()) {
            files.put("conda", env.asText());
        } else if (env.isObject()) {
            env.properties().forEach(field -> files.put(field.getKey(), field.getValue().asText()));
        }
        return files;
    }

    private static Signature signature(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Signature.NONE;
        }
        if (!node.isObject()) {
            throw SextantException.invalid("MLmodel 'signature' must be a mapping with 'inputs' and 'outputs'.");
        }
        JsonNode params = node.path("params");
        String paramsJson = params.isTextual() ? params.asText() : "";
        return new Signature(specs(node.path("inputs"), "signature inputs"),
                specs(node.path("outputs"), "signature outputs"), paramsJson.equals("null") ? "" : paramsJson);
    }

    private static List<FieldSpec> specs(JsonNode node, String what) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        // MLflow stores the list as JSON text; a hand-written file may hold the YAML list itself.
        return SignatureJson.parse(node.isTextual() ? node.asText() : node.toString(), what);
    }

    private static InputExampleInfo inputExample(JsonNode node) {
        if (!node.isObject()) {
            return InputExampleInfo.NONE;
        }
        return new InputExampleInfo(text(node, "artifact_path"), text(node, "type"), text(node, "format"),
                text(node, "pandas_orient"), text(node, "serving_input_path"),
                others(node, Set.of("artifact_path", "type", "format", "pandas_orient", "serving_input_path")));
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.path(key);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Map<String, String> others(JsonNode node, Set<String> known) {
        Map<String, String> other = new TreeMap<>();
        node.properties().forEach(field -> {
            if (!known.contains(field.getKey())) {
                other.put(field.getKey(), field.getValue().toString());
            }
        });
        return other;
    }

    // ---- writing

    private static JsonNode flavorNode(Flavor flavor) {
        ObjectNode node = NODES.objectNode();
        switch (flavor) {
            case OnnxFlavor onnx -> {
                putText(node, "data", onnx.data());
                putText(node, "onnx_version", onnx.onnxVersion());
                node.putArray("providers").addAll(onnx.providers().stream().map(NODES::textNode).toList());
                putOthers(node, onnx.otherFields());
            }
            case PythonFunctionFlavor pyfunc -> {
                putText(node, "data", pyfunc.data());
                if (!pyfunc.env().isEmpty()) {
                    ObjectNode env = node.putObject("env");
                    pyfunc.env().forEach(env::put);
                }
                putText(node, "loader_module", pyfunc.loaderModule());
                putText(node, "python_version", pyfunc.pythonVersion());
                putOthers(node, pyfunc.otherFields());
            }
            case OtherFlavor other -> {
                return SignatureJson.parseFragment(other.json());
            }
        }
        return node;
    }

    private static JsonNode inputExampleNode(InputExampleInfo info) {
        ObjectNode node = NODES.objectNode();
        putText(node, "artifact_path", info.artifactPath());
        putText(node, "format", info.format());
        putText(node, "pandas_orient", info.pandasOrient());
        putText(node, "serving_input_path", info.servingInputPath());
        putText(node, "type", info.type());
        putOthers(node, info.otherFields());
        return node;
    }

    private static JsonNode signatureNode(Signature signature) {
        ObjectNode node = NODES.objectNode();
        node.put("inputs", SignatureJson.write(signature.inputs()));
        node.put("outputs", SignatureJson.write(signature.outputs()));
        if (signature.params().isEmpty()) {
            node.putNull("params");
        } else {
            node.put("params", signature.params());
        }
        return node;
    }

    private static void putText(ObjectNode node, String key, String value) {
        if (!value.isEmpty()) {
            node.put(key, value);
        }
    }

    private static void putOthers(ObjectNode node, Map<String, String> others) {
        others.forEach((key, json) -> node.set(key, SignatureJson.parseFragment(json)));
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message;
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
