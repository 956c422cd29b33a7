package dev.sextant.store.jdbc;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/** A statement assembled from fragments, with every user value bound as a parameter. */
final class Sql {
    private final StringBuilder text = new StringBuilder();
    private final Map<String, Object> values = new HashMap<>();

    Sql add(String fragment) {
        text.append(fragment);
        return this;
    }

    /** Binds a value and returns its placeholder. */
    String param(Object value) {
        String name = "p" + values.size();
        values.put(name, value);
        return ":" + name;
    }

    /** Binds each value and returns the comma-separated placeholders, for IN lists. */
    String params(Collection<?> list) {
        return list.stream().map(this::param).collect(Collectors.joining(", "));
    }

    Query query(Handle handle) {
        return query(handle, "");
    }

    /** The statement behind a prefix, e.g. {@code EXPLAIN ANALYZE }, with the same values bound. */
    Query query(Handle handle, String prefix) {
        return handle.createQuery(prefix + text).bindMap(values);
    }

    Update update(Handle handle) {
        return handle.createUpdate(text.toString()).bindMap(values);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
