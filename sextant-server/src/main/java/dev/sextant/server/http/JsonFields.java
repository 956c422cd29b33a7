package dev.sextant.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Fields of a JSON object; {@code prefix} names where the object sits in the request, for messages. */
final class JsonFields implements Fields {
    private final ObjectNode node;
    private final String prefix;

    JsonFields(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    private JsonNode get(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    @Override
    public boolean has(String name) {
        return get(name) != null;
    }

    @Override
    public String string(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return "";
        }
        if (!value.isTextual()) {
            throw ParameterErrors.invalid(path(name), value);
        }
        return value.textValue();
    }

    @Override
    public OptionalLong int64(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return OptionalLong.empty();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return OptionalLong.of(value.longValue());
        }
        if (value.isNumber() && value.canConvertToExactIntegral() && value.canConvertToLong()) {
            return OptionalLong.of(value.longValue());
        }
        if (value.isTextual()) {
            try {
                return OptionalLong.of(Long.parseLong(value.textValue().trim()));
            } catch (NumberFormatException e) {
                throw ParameterErrors.invalid(path(name), value);
            }
        }
        throw ParameterErrors.invalid(path(name), value);
    }

    @Override
    public OptionalDouble float64(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return OptionalDouble.empty();
        }
        if (value.isNumber()) {
            return OptionalDouble.of(value.doubleValue());
        }
        if (value.isTextual()) {
            return OptionalDouble.of(Numbers.parseDouble(path(name), value.textValue()));
        }
        throw ParameterErrors.invalid(path(name), value);
    }

    @Override
    public Optional<Boolean> bool(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBoolean()) {
            return Optional.of(value.booleanValue());
        }
        if (value.isTextual() && (value.textValue().equals("true") || value.textValue().equals("false"))) {
            return Optional.of(Boolean.parseBoolean(value.textValue()));
        }
        throw ParameterErrors.invalid(path(name), value);
    }

    @Override
    public String enumText(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return "";
        }
        if (value.isTextual() || value.isIntegralNumber()) {
            return value.asText();
        }
        throw ParameterErrors.invalid(path(name), value);
    }

    @Override
    public List<String> strings(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw ParameterErrors.invalid(path(name), value);
        }
        List<String> out = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw ParameterErrors.invalid(path(name), value);
            }
            out.add(item.textValue());
        }
        return out;
    }

    @Override
    public List<Fields> objects(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw ParameterErrors.invalid(path(name), value);
        }
        List<Fields> out = new ArrayList<>(value.size());
        String base = path(name);
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!(item instanceof ObjectNode object)) {
                throw ParameterErrors.invalid(base + "[" + i + "]", item);
            }
            out.add(new JsonFields(object, base + "[" + i + "]."));
        }
        return out;
    }

    @Override
    public Map<String, String> stringMap(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw ParameterErrors.invalid(path(name), value);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var entry : value.properties()) {
            JsonNode item = entry.getValue();
            if (!item.isTextual()) {
                throw ParameterErrors.invalid(path(name) + "." + entry.getKey(), item);
            }
            out.put(entry.getKey(), item.textValue());
        }
        return out;
    }

    @Override
    public Map<String, String> flatMap(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw ParameterErrors.invalid(path(name), value);
        }
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", value, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        for (var entry : node.properties()) {
            String key = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            JsonNode item = entry.getValue();
            if (item.isObject()) {
                flatten(key, item, out);
            } else if (item.isValueNode() && !item.isNull()) {
                out.put(key, item.asText());
            }
        }
    }

    @Override
    public Optional<Fields> object(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof ObjectNode object)) {
            throw ParameterErrors.invalid(path(name), value);
        }
        return Optional.of(new JsonFields(object, path(name) + "."));
    }

    @Override
    public String path(String name) {
        return prefix.isEmpty() ? name : prefix + name;
    }
}
