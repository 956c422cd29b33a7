package dev.sextant.it;

import dev.sextant.it.MlflowRoutes.Field;
import dev.sextant.it.MlflowRoutes.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Pools of malformed inputs for the fuzz test: JSON values of the wrong type or out of range,
 * broken bodies, odd content types and methods, and hostile artifact paths. Everything random
 * comes from one seeded {@link Random}, so a failing run can be replayed with its seed.
 */
final class MalformedInputs {
    /** Raw JSON values that are wrong for most fields, and odd for the rest. */
    static final List<String> WRONG_VALUES = List.of(
            "null", "true", "false", "0", "-1", "1.5", "-0", "1E+308", "4.9e-324",
            "-9223372036854775809", "9223372036854775808", "99999999999999999999999999999999", "1e400", "-1e400",
            "1e-400", "\"\"", "\"abc\"", "\"12\"", "\"NaN\"", "\"-Infinity\"", "{}", "[]", "[null]",
            "[1, \"a\", {}]", "{\"a\": {\"b\": [1, 2, {\"c\": null}]}}", "\"\\u0000\"", "\"\\ud800\"",
            "\"\\udfff\\ud800\"", "\"😀 ünï 𝄞 \\u202e\"", "\"" + "x".repeat(70_000) + "\"", "\"../../../etc/passwd\"",
            "\"' OR 1=1 --\"", "\"%s%n%x\"", "\"\\\\\"", "\"a\\nb\\tc\"");

    /** Query-string values (not yet percent-encoded) that are wrong or odd for most parameters. */
    static final List<String> WRONG_QUERY_VALUES = List.of(
            "", "abc", "-1", "0", "1.5", "1e3", "0x10", " 7", "99999999999999999999", "-9223372036854775809",
            "NaN", "true", "😀", "../..", "x".repeat(2000), "%", "'", "\u0000", "ACTIVE_ONLY", "7", "[]", "{}");

    /** Bodies that are not the JSON object a route expects, or not JSON at all. */
    static final List<String> BROKEN_BODIES = List.of(
            "", " ", "{", "}", "[", "]", "null", "[]", "\"text\"", "42", "true", "{\"a\":1,}", "{'a': 'b'}",
            "{\"a\":1}{\"b\":2}", "{\"a\":1} trailing", "\uFEFF{}", "/* comment */ {}", "{\"a\": NaN}",
            "{\"a\": Infinity}", "{\"a\": 01}", "{\"a\": .5}", "{\"a\": 1e}", "{\"a\": \"\\x41\"}",
            "{\"a\": \"unterminated}", "{\"a\" 1}", "{a: 1}", "{\"\": \"\"}", "{\"a\":1,\"a\":2}",
            "[".repeat(100_000), "{\"a\":".repeat(20_000), "[" + "1,".repeat(200_000) + "1]",
            "{\"a\": \"\u0000\"}", "\u0000\u0001\u0002", "<xml/>", "a=1&b=2");

    static final List<String> CONTENT_TYPES = List.of(
            "", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz",
            "application/xml", "application/json; charset=utf-16", "application/jsonx", "*/*", "application/json;;;",
            "garbage", "application/problem+json", "application/octet-stream");

    static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");

    /** Artifact paths that try to leave the artifact root, or are otherwise hostile; raw request-target text. */
    static final List<String> HOSTILE_PATHS = List.of(
            "../../../../../../etc/passwd", "0/../../../../../../etc/passwd", "..%2F..%2F..%2F..%2Fetc%2Fpasswd",
            "%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
            "....//....//....//etc/passwd", "..\\..\\..\\etc\\passwd", "..%5c..%5c..%5cetc%5cpasswd",
            "%252e%252e/%252e%252e/etc/passwd", "/etc/passwd", "//etc/passwd", "file:///etc/passwd", "a/%00/b",
            "a%00.txt", ".", "./", "a/./b", "a//b", "a/b/", "%20", "~root/.ssh/id_rsa", "x".repeat(3000),
            "%C3%BC/%F0%9F%98%80.txt", "%C3%28", "a/..", "a/../..", "..", "%2e%2e", "0/run/artifacts/%2e%2e/%2e%2e");

    private final Random random;
    private final String experimentId;
    private final String runId;
    private final String modelName;

    /** {@code modelName} is a registered model with a version 1 registered from {@code runs:/<runId>/model}. */
    MalformedInputs(long seed, String experimentId, String runId, String modelName) {
        this.random = new Random(seed);
        this.experimentId = experimentId;
        this.runId = runId;
        this.modelName = modelName;
    }

    Random random() {
        return random;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A valid raw JSON value for a field, pointing at real entities where the field names one. */
    String validJson(Type type) {
        return switch (type) {
            case STRING -> quote("fuzz-" + random.nextInt(1_000_000));
            case EXPERIMENT_ID -> quote(experimentId);
            case RUN_ID -> quote(runId);
            case MODEL_NAME -> quote(modelName);
            case MODEL_VERSION -> quote("1");
            case MODEL_SOURCE -> quote("runs:/" + runId + "/model");
            case INT64 -> Long.toString(1 + random.nextInt(1000));
            case DOUBLE -> Double.toString(random.nextDouble());
            case BOOL -> "true";
            case VIEW_TYPE -> quote("ALL");
            case RUN_STATUS -> quote("RUNNING");
            case STRINGS -> "[" + quote(experimentId) + "]";
            case TAGS, PARAMS -> "[{\"key\": \"k" + random.nextInt(100) + "\", \"value\": \"v\"}]";
            case METRICS -> "[{\"key\": \"m\", \"value\": 1.0, \"timestamp\": 1, \"step\": 0}]";
            case DATASETS -> "[{\"dataset\": {\"name\": \"d\", \"digest\": \"abc\", \"source_type\": \"local\","
                    + " \"source\": \"{}\"}}]";
        };
    }

    /** Malformed values for one field: the common pool plus type-specific ones nested inside arrays. */
    List<String> wrongJsonValues(Type type) {
        List<String> values = new ArrayList<>(WRONG_VALUES);
        switch (type) {
            case TAGS, PARAMS -> WRONG_VALUES.forEach(v -> {
                values.add("[{\"key\": " + v + ", \"value\": \"v\"}]");
                values.add("[{\"key\": \"k\", \"value\": " + v + "}]");
                values.add("[" + v + "]");
            });
            case METRICS -> WRONG_VALUES.forEach(v -> {
                values.add("[{\"key\": \"m\", \"value\": " + v + ", \"timestamp\": 1, \"step\": 0}]");
                values.add("[{\"key\": \"m\", \"value\": 1, \"timestamp\": " + v + ", \"step\": 0}]");
                values.add("[{\"key\": \"m\", \"value\": 1, \"timestamp\": 1, \"step\": " + v + "}]");
                values.add("[{\"key\": " + v + ", \"value\": 1, \"timestamp\": 1}]");
            });
            case DATASETS -> WRONG_VALUES.forEach(v -> {
                values.add("[{\"dataset\": " + v + "}]");
                values.add("[{\"dataset\": {\"name\": " + v + ", \"digest\": \"d\"}}]");
                values.add("[{\"dataset\": {\"name\": \"n\", \"digest\": " + v + "}, \"tags\": " + v + "}]");
            });
            case STRINGS -> WRONG_VALUES.forEach(v -> values.add("[" + v + "]"));
            default -> {
            }
        }
        values.add(manyEntries(type));
        return values;
    }

    /** A JSON object with every field valid except those given. */
    String body(List<Field> fields, java.util.Map<String, String> overrides) {
        return fields.stream().filter(f -> !overrides.containsKey(f.name()) || overrides.get(f.name()) != null)
                .map(f -> quote(f.name()) + ": " + overrides.getOrDefault(f.name(), validJson(f.type())))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** A query string with every field valid except those given (values are raw and get encoded here). */
    String query(List<Field> fields, java.util.Map<String, String> overrides) {
        return fields.stream().filter(f -> !overrides.containsKey(f.name()) || overrides.get(f.name()) != null)
                .map(f -> f.name() + "=" + Http.encode(overrides.getOrDefault(f.name(), validQuery(f.type()))))
                .collect(Collectors.joining("&"));
    }

    String validQuery(Type type) {
        return switch (type) {
            case EXPERIMENT_ID -> experimentId;
            case RUN_ID -> runId;
            case MODEL_NAME -> modelName;
            case MODEL_VERSION -> "1";
            case INT64 -> "10";
            case VIEW_TYPE -> "ALL";
            case STRINGS -> "name ASC";
            default -> "fuzz-" + random.nextInt(1000);
        };
    }

    /** A random byte string, invalid UTF-8 included. */
    byte[] randomBytes(int max) {
        byte[] bytes = new byte[random.nextInt(max + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A valid body cut short at a random point. */
    String truncated(String body) {
        return body.length() <= 1 ? "" : body.substring(0, 1 + random.nextInt(body.length() - 1));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String quote(String text) {
        return Http.write(Http.JSON.getNodeFactory().textNode(text));
    }

    private static String manyEntries(Type type) {
        String one = switch (type) {
            case METRICS -> "{\"key\": \"m\", \"value\": 1, \"timestamp\": 1, \"step\": 0}";
            case TAGS, PARAMS -> "{\"key\": \"k\", \"value\": \"v\"}";
            default -> "\"x\"";
        };
        return "[" + String.join(",", java.util.Collections.nCopies(5000, one)) + "]";
    }
}
