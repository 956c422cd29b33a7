package dev.sextant.registry.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * YAML as PyYAML's {@code safe_dump(..., default_flow_style=False)} writes it, which is how MLflow
 * writes MLmodel files: block style, keys sorted, strings quoted only when they must be (with
 * single quotes, e.g. the signature JSON and timestamps), long lines folded at 80 columns.
 * SnakeYAML is a port of PyYAML, so its emitter makes the same choices.
 */
final class PythonYaml {
    private PythonYaml() {
    }

    static String dump(JsonNode tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(80);
        options.setLineBreak(DumperOptions.LineBreak.UNIX);
        return new Yaml(options).dump(plain(tree));
    }

    /** Maps (keys sorted), lists and scalars that SnakeYAML represents like PyYAML. */
    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> sorted = new TreeMap<>();
            node.properties().forEach(field -> sorted.put(field.getKey(), plain(field.getValue())));
            return new LinkedHashMap<>(sorted);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(plain(element)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.asText();
    }
}
