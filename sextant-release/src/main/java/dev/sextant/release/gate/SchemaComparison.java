package dev.sextant.release.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.registry.ModelSignature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a candidate can replace a version without its callers noticing: it takes the same
 * inputs with the same types (a model refuses inputs it does not know and needs every input it
 * declares), and it still gives every output the replaced version gave, with the same type.
 */
final class SchemaComparison {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaComparison() {
    }

    /** The differences in words; empty when compatible. */
    static List<String> differences(ModelSignature candidate, ModelSignature replaced) {
        List<String> differences = new ArrayList<>();
        Map<String, String> newInputs = fields(candidate.inputs());
        Map<String, String> oldInputs = fields(replaced.inputs());
        oldInputs.forEach((name, type) -> {
            String now = newInputs.get(name);
            if (now == null) {
                differences.add("input '" + name + "' (" + type + ") is no longer taken");
            } else if (!now.equals(type)) {
                differences.add("input '" + name + "' changed type from " + type + " to " + now);
            }
        });
        newInputs.forEach((name, type) -> {
            if (!oldInputs.containsKey(name)) {
                differences.add("input '" + name + "' (" + type + ") is new; callers do not send it");
            }
        });
        Map<String, String> newOutputs = fields(candidate.outputs());
        fields(replaced.outputs()).forEach((name, type) -> {
            String now = newOutputs.get(name);
            if (now == null) {
                differences.add("output '" + name + "' is no longer given");
            } else if (!now.equals(type)) {
                differences.add("output '" + name + "' changed type from " + type + " to " + now);
            }
        });
        return differences;
    }

    /** Name → type of MLflow column specs ({@code type}) or tensor specs ({@code dtype} and shape). */
    private static Map<String, String> fields(String signatureJson) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (signatureJson.isBlank()) {
            return fields;
        }
        JsonNode list;
        try {
            list = JSON.readTree(signatureJson);
        } catch (JsonProcessingException e) {
            return fields;
        }
        int index = 0;
        for (JsonNode field : list) {
            String name = field.path("name").asText("#" + index);
            JsonNode tensor = field.path("tensor-spec");
            String type = tensor.isObject() ? tensor.path("dtype").asText() + " " + tensor.path("shape").toString()
                    : field.path("type").asText();
            fields.put(name, type);
            index++;
        }
        return fields;
    }
}
