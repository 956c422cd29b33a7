package dev.sextant.server.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Named request parameters, from a JSON body or a query string, read with proto-JSON's lenience
 * (int64 as number or string, enums as name or number) and MLflow's error messages for what
 * cannot be read.
 */
public interface Fields {

    boolean has(String name);

    /** The text of a string field, "" when absent or null. */
    String string(String name);

    /** A string field that must be present and non-empty. */
    default String requiredString(String name) {
        String value = string(name);
        if (value.isEmpty()) {
            throw ParameterErrors.missing(path(name));
        }
        return value;
    }

    /** The first non-empty of two alias fields (MLflow's {@code run_id} and deprecated {@code run_uuid}). */
    default String requiredString(String name, String alias) {
        String value = string(name);
        if (value.isEmpty()) {
            value = string(alias);
        }
        if (value.isEmpty()) {
            throw ParameterErrors.missing(path(name));
        }
        return value;
    }

    OptionalLong int64(String name);

    default long requiredInt64(String name) {
        OptionalLong value = int64(name);
        if (value.isEmpty()) {
            throw ParameterErrors.missing(path(name));
        }
        return value.getAsLong();
    }

    /** A double; NaN and ±Infinity may come as bare tokens or as the strings "NaN", "Infinity", "-Infinity". */
    OptionalDouble float64(String name);

    /** A boolean: {@code true} or {@code false} (a JSON boolean, or that text); empty when absent. */
    Optional<Boolean> bool(String name);

    /** An enum given by name or by its proto number, as text; "" when absent. */
    String enumText(String name);

    /** A repeated string field; empty when absent. */
    List<String> strings(String name);

    /** A repeated message field; empty when absent (query strings carry no messages). */
    List<Fields> objects(String name);

    /** A JSON object of string values ({@code {"k": "v"}}); empty when absent. */
    Map<String, String> stringMap(String name);

    /**
     * A free-form JSON object flattened to dotted keys ({@code {"libs": {"torch": "2.3"}}} →
     * {@code libs.torch=2.3}); scalars become their text. Empty when absent.
     */
    Map<String, String> flatMap(String name);

    /** A nested message field. */
    Optional<Fields> object(String name);

    /** The full name of a field as a client would write it, e.g. {@code metrics[3].value}. */
    String path(String name);
}
