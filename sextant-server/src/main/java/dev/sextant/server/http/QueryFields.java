package dev.sextant.server.http;

import dev.sextant.api.SextantException;
import io.helidon.common.uri.UriQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Fields of a GET query string: repeated keys make lists, and {@code name[]} is accepted for
 * {@code name} as MLflow's server does for old clients.
 */
final class QueryFields implements Fields {
    private final UriQuery query;

    QueryFields(UriQuery query) {
        this.query = query;
    }

    private List<String> all(String name) {
        try {
            List<String> values = new ArrayList<>(query.all(name, List::of));
            values.addAll(query.all(name + "[]", List::of));
            return values;
        } catch (IllegalArgumentException e) {
            throw SextantException.invalid("Malformed query string: " + e.getMessage()
                    + ". Percent-encode parameter values.");
        }
    }

    @Override
    public boolean has(String name) {
        return !all(name).isEmpty();
    }

    @Override
    public String string(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? "" : values.getFirst();
    }

    @Override
    public OptionalLong int64(String name) {
        String text = string(name).trim();
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw ParameterErrors.invalid(name, '"' + text + '"', "str");
        }
    }

    @Override
    public OptionalDouble float64(String name) {
        String text = string(name);
        return text.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Numbers.parseDouble(name, text));
    }

    @Override
    public Optional<Boolean> bool(String name) {
        String text = string(name);
        return switch (text) {
            case "" -> Optional.empty();
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw ParameterErrors.invalid(name, '"' + text + '"', "str");
        };
    }

    @Override
    public String enumText(String name) {
        return string(name);
    }

    @Override
    public List<String> strings(String name) {
        return all(name);
    }

    @Override
    public List<Fields> objects(String name) {
        return List.of();
    }

    @Override
    public Map<String, String> stringMap(String name) {
        return Map.of();
    }

    @Override
    public Map<String, String> flatMap(String name) {
        return Map.of();
    }

    @Override
    public Optional<Fields> object(String name) {
        return Optional.empty();
    }

    @Override
    public String path(String name) {
        return name;
    }
}
