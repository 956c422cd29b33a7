package dev.sextant.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code sextant.yaml} into flat dash-case keys: nested mappings ({@code server: {port: 5000}})
 * and dotted keys ({@code server.port: 5000}) are the same thing. Unknown keys are errors, so a typo
 * cannot silently leave a default in place.
 */
final class YamlConfigFile {
    private static final YAMLMapper YAML = new YAMLMapper();

    private YamlConfigFile() {
    }

    static Map<String, String> read(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(ConfigLoader.CONFIG_FLAG, "Configuration file " + file + " is not valid YAML: "
                    + firstLine(e.getMessage()) + ". Fix the file.");
        }
        Map<String, String> flat = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return flat;
        }
        if (!root.isObject()) {
            throw new ConfigException(ConfigLoader.CONFIG_FLAG, "Configuration file " + file
                    + " must hold a mapping of keys to values, e.g. 'server:\\n  port: 5000'.");
        }
        flatten("", root, flat, file);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path file) {
        var fields = node.properties().iterator();
        while (fields.hasNext()) {
            var field = fields.next();
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(key, value, out, file);
            } else if (ConfigKey.byKey(key).isEmpty()) {
                throw new ConfigException(key, "Unknown configuration key '" + key + "' in " + file
                        + ". Remove it or use one of: " + ConfigKey.knownKeys() + ".");
            } else if (value.isArray() && ConfigKey.byKey(key).orElseThrow().list()) {
                out.put(key, joined(key, value, file));
            } else if (value.isArray()) {
                throw new ConfigException(key, "Configuration '" + key + "' in " + file
                        + " is a list; it takes a single value.");
            } else if (!value.isNull()) {
                out.put(key, value.asText());
            }
        }
    }

    /** A YAML sequence as one value, its items separated by {@link ConfigLoader#LIST_ITEMS}. */
    private static String joined(String key, JsonNode items, Path file) {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isValueNode()) {
                throw new ConfigException(key, "Configuration '" + key + "' in " + file + " holds " + item
                        + "; each item of the list must be a single value.");
            }
            texts.add(item.asText());
        }
        // A one-item list still carries the separator, so that its item is never split at ':'.
        return String.join(ConfigLoader.LIST_ITEMS, texts) + ConfigLoader.LIST_ITEMS;
    }

    private static String firstLine(String message) {
        String text = message == null ? "unreadable" : message;
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
