package dev.sextant.server.mlflow;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sextant.api.SextantException;
import dev.sextant.server.http.Fields;
import dev.sextant.server.http.Json;
import dev.sextant.server.http.Numbers;
import dev.sextant.server.http.ParameterErrors;
import dev.sextant.server.http.RequestBodies;
import dev.sextant.tracking.MetricBatch;
import dev.sextant.tracking.Param;
import dev.sextant.tracking.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads a log-batch body into domain values, without building a JSON tree: at a thousand metrics
 * per request this is where the server spends its time. Bodies of the usual shape are read by
 * {@link FastBatchReader}; the rest token by token. Types and missing fields are reported with
 * the same messages as {@link Fields}.
 */
final class BatchParser {

    /** A parsed log-batch request; {@code runId} is "" when neither run_id nor run_uuid was sent. */
    record Batch(String runId, MetricBatch metrics, List<Param> params, List<Tag> tags) {
    }

    private final JsonParser parser;

    private BatchParser(JsonParser parser) {
        this.parser = parser;
    }

    static Batch parse(byte[] body) {
        return FastBatchReader.read(body).orElseGet(() -> parseTokens(body));
    }

    /** Reads any body, token by token; reports every mistake. */
    static Batch parseTokens(byte[] body) {
        try (JsonParser parser = Json.parser(body)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                // Empty, null, double-encoded or not an object: the general reader handles (or rejects) those.
                return fromFields(RequestBodies.parse(body));
            }
            return new BatchParser(parser).batch();
        } catch (JacksonException e) {
            throw RequestBodies.malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Batch fromFields(Fields in) {
        return new Batch(in.string("run_id").isEmpty() ? in.string("run_uuid") : in.string("run_id"),
                MetricBatch.of(MlflowReaders.metrics(in)), MlflowReaders.params(in), MlflowReaders.tags(in, "tags"));
    }

    private Batch batch() throws IOException {
        String runId = "";
        String runUuid = "";
        MetricBatch metrics = MetricBatch.empty();
        List<Param> params = List.of();
        List<Tag> tags = List.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "run_id" -> runId = string(name);
                case "run_uuid" -> runUuid = string(name);
                case "metrics" -> metrics = metrics();
                case "params" -> params = keyValues("params", Param::new);
                case "tags" -> tags = keyValues("tags", Tag::new);
                default -> parser.skipChildren();
            }
        }
        return new Batch(runId.isEmpty() ? runUuid : runId, metrics, params, tags);
    }

    /** The points straight into a {@link MetricBatch}: no string per repeated key, no object per point. */
    private MetricBatch metrics() throws IOException {
        if (!startArray("metrics")) {
            return MetricBatch.empty();
        }
        MetricBatch.Builder metrics = MetricBatch.builder(1024);
        for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
            startObject("metrics", i);
            int key = -1;
            double value = 0;
            boolean hasValue = false;
            long timestamp = 0;
            boolean hasTimestamp = false;
            long step = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (token == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (name) {
                    case "key" -> key = key(metrics, i);
                    case "value" -> {
                        value = number(i);
                        hasValue = true;
                    }
                    case "timestamp" -> {
                        timestamp = int64(i, ".timestamp");
                        hasTimestamp = true;
                    }
                    case "step" -> step = int64(i, ".step");
                    default -> parser.skipChildren();
                }
            }
            if (key < 0) {
                throw ParameterErrors.missing(path("metrics", i, ".key"));
            }
            if (!hasValue) {
                throw ParameterErrors.missing(path("metrics", i, ".value"));
            }
            if (!hasTimestamp) {
                throw ParameterErrors.missing(path("metrics", i, ".timestamp"));
            }
            metrics.add(key, value, timestamp, step);
        }
        return metrics.build();
    }

    /** The index of a metric's key in the batch; -1 for an empty key (reported as missing). */
    private int key(MetricBatch.Builder metrics, int index) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return string(path("metrics", index, ".key")).isEmpty() ? -1 : metrics.key(parser.getText());
        }
        int length = parser.getTextLength();
        return length == 0 ? -1 : metrics.key(parser.getTextCharacters(), parser.getTextOffset(), length);
    }

    private <T> List<T> keyValues(String field, BiFunction<String, String, T> make) throws IOException {
        if (!startArray(field)) {
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
            startObject(field, i);
            String key = "";
            String value = "";
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "key" -> key = string(field, i, ".key");
                    case "value" -> value = string(field, i, ".value");
                    default -> parser.skipChildren();
                }
            }
            if (key.isEmpty()) {
                throw ParameterErrors.missing(path(field, i, ".key"));
            }
            out.add(make.apply(key, value));
        }
        return out;
    }

    /** True at the start of an array; false for null; 400 for anything else. */
    private boolean startArray(String path) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        if (token != JsonToken.START_ARRAY) {
            throw invalid(path);
        }
        return true;
    }

    private void startObject(String field, int index) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw invalid(path(field, index, ""));
        }
    }

    private String string(String path) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NULL -> "";
            default -> throw invalid(path);
        };
    }

    // Element paths are only built when there is an error to report: building them per metric costs.
    private String string(String field, int index, String suffix) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        return string(path(field, index, suffix));
    }

    private double number(int index) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_STRING -> Numbers.parseDouble(path("metrics", index, ".value"), parser.getText());
            default -> throw invalid(path("metrics", index, ".value"));
        };
    }

    private long int64(int index, String suffix) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return parser.getLongValue();
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            try {
                return parser.getDecimalValue().longValueExact();
            } catch (ArithmeticException e) {
                throw invalid(path("metrics", index, suffix));
            }
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return Long.parseLong(parser.getText().trim());
            } catch (NumberFormatException e) {
                throw invalid(path("metrics", index, suffix));
            }
        }
        throw invalid(path("metrics", index, suffix));
    }

    private static String path(String field, int index, String suffix) {
        return field + "[" + index + "]" + suffix;
    }

    /** MLflow's "Invalid value … for parameter …" with the offending value as JSON. */
    private SextantException invalid(String path) throws IOException {
        return ParameterErrors.invalid(path, Json.READER.readTree(parser));
    }
}
