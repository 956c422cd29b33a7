package dev.sextant.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.api.SextantException;

/** MLflow's fixed wording for parameters that are missing or of the wrong type; its clients' tests match on it. */
public final class ParameterErrors {
    private static final String DOCS = " See the API docs for more information about request parameters.";

    private ParameterErrors() {
    }

    public static SextantException missing(String name) {
        return SextantException.missingParameter(name);
    }

    public static SextantException invalid(String name, JsonNode value) {
        return invalid(name, value.toString(), pythonType(value));
    }

    public static SextantException invalid(String name, String shownValue, String type) {
        return SextantException.invalid("Invalid value " + shownValue + " for parameter '" + name
                + "' supplied. Hint: Value was of type '" + type + "'." + DOCS);
    }

    /** The type name MLflow's Python server would report for a JSON value. */
    private static String pythonType(JsonNode value) {
        if (value.isTextual()) {
            return "str";
        }
        if (value.isBoolean()) {
            return "bool";
        }
        if (value.isIntegralNumber()) {
            return "int";
        }
        if (value.isNumber()) {
            return "float";
        }
        if (value.isArray()) {
            return "list";
        }
        if (value.isObject()) {
            return "dict";
        }
        return "NoneType";
    }
}
