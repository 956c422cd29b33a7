package dev.sextant.serving.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sextant.api.SextantException;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.Tensor;
import dev.sextant.serving.runtime.TensorMetadata;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A data frame from a scoring request: named columns and rows of JSON values. */
final class Table {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<String> columns;
    private final List<List<JsonNode>> rows;

    private Table(List<String> columns, List<List<JsonNode>> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /** {@code {"columns": [...], "data": [[...], ...]}} (pandas' split orient; "index" is ignored). */
    static Table split(JsonNode payload) {
        if (!payload.isObject() || !payload.path("data").isArray()) {
            throw SextantException.invalid("'dataframe_split' must be {\"columns\": [...], \"data\": [[...], ...]}.");
        }
        List<String> columns = new ArrayList<>();
        payload.path("columns").forEach(c -> columns.add(c.asText()));
        List<List<JsonNode>> rows = new ArrayList<>();
        for (JsonNode row : payload.get("data")) {
            if (!row.isArray()) {
                throw SextantException.invalid("Each row of 'dataframe_split.data' must be a list of values; got " + row + ".");
            }
            List<JsonNode> values = new ArrayList<>();
            row.forEach(values::add);
            if (!columns.isEmpty() && values.size() != columns.size()) {
                throw SextantException.invalid("A row of 'dataframe_split.data' has " + values.size() + " values but there are "
                        + columns.size() + " columns " + columns + ".");
            }
            rows.add(values);
        }
        if (columns.isEmpty() && !rows.isEmpty()) {
            for (int i = 0; i < rows.get(0).size(); i++) {
                columns.add(Integer.toString(i));
            }
        }
        return new Table(columns, rows);
    }

    /** {@code [{"col": value, ...}, ...]} (pandas' records orient); a missing field is null. */
    static Table records(JsonNode payload, String field) {
        if (!payload.isArray()) {
            throw SextantException.invalid("'" + field + "' must be a list of {\"column\": value} records.");
        }
        Set<String> columns = new LinkedHashSet<>();
        for (JsonNode record : payload) {
            if (!record.isObject()) {
                throw SextantException.invalid("Each item of '" + field + "' must be an object of column values; got "
                        + record + ".");
            }
            record.fieldNames().forEachRemaining(columns::add);
        }
        List<List<JsonNode>> rows = new ArrayList<>();
        for (JsonNode record : payload) {
            List<JsonNode> values = new ArrayList<>();
            for (String column : columns) {
                values.add(record.has(column) ? record.get(column) : NODES.nullNode());
            }
            rows.add(values);
        }
        return new Table(new ArrayList<>(columns), rows);
    }

    InferenceInputs toInputs(List<TensorMetadata> modelInputs) {
        if (rows.isEmpty()) {
            throw SextantException.invalid("The data frame has no rows.");
        }
        boolean byName = modelInputs.stream().allMatch(input -> columns.contains(input.name()));
        if (byName) {
            List<Tensor> tensors = new ArrayList<>();
            for (TensorMetadata input : modelInputs) {
                int c = columns.indexOf(input.name());
                ArrayNode data = NODES.arrayNode();
                rows.forEach(row -> data.add(cell(row.get(c))));
                tensors.add(MlflowScoring.tensor(input, input.shape().size() >= 2 ? nest(data) : data));
            }
            return InferenceInputs.of(tensors, Set.of());
        }
        if (modelInputs.size() == 1 && modelInputs.get(0).shape().size() == 2) {
            TensorMetadata input = modelInputs.get(0);
            long width = input.shape().get(1);
            if (width >= 0 && width != columns.size()) {
                throw SextantException.invalid("The model's input '" + input.name() + "' takes " + width
                        + " columns per row but the data frame has " + columns.size() + " " + columns + ".");
            }
            ArrayNode data = NODES.arrayNode();
            for (List<JsonNode> row : rows) {
                ArrayNode values = data.addArray();
                row.forEach(value -> values.add(cell(value)));
            }
            return InferenceInputs.of(List.of(MlflowScoring.tensor(input, data)), Set.of());
        }
        throw SextantException.invalid("The data frame's columns " + columns + " do not name the model's inputs: "
                + MlflowScoring.describe(modelInputs) + ". Name each column after an input.");
    }

    /** A missing value (null) goes to the model as NaN, as pandas would read it. */
    private static JsonNode cell(JsonNode value) {
        return value == null || value.isNull() ? NODES.textNode("NaN") : value;
    }

    private static ArrayNode nest(ArrayNode column) {
        ArrayNode nested = NODES.arrayNode();
        column.forEach(value -> nested.addArray().add(value));
        return nested;
    }
}
