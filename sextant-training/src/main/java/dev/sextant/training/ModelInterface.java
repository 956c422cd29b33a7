package dev.sextant.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.data.table.BooleanColumn;
import dev.sextant.data.table.Column;
import dev.sextant.data.table.ColumnSummary;
import dev.sextant.data.table.DataTable;
import dev.sextant.data.table.NumericColumn;
import dev.sextant.registry.packaging.ColumnSpec;
import dev.sextant.registry.packaging.FieldSpec;
import dev.sextant.registry.packaging.Signature;
import dev.sextant.training.onnx.ClassifierOutputs;
import java.util.ArrayList;
import java.util.List;

/** What a trained model takes and returns, in MLflow's terms: signature, input example, dataset schema. */
final class ModelInterface {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXAMPLE_ROWS = 5;

    private ModelInterface() {
    }

    /** Raw columns in; the label (classification) or the value (regression) out. */
    static Signature signature(DataTable table, List<String> inputs, Task task) {
        List<FieldSpec> in = new ArrayList<>();
        for (String name : inputs) {
            in.add(new ColumnSpec(name, columnType(table.require(name)), true));
        }
        List<FieldSpec> out = task == Task.CLASSIFICATION
                ? List.of(new ColumnSpec(ClassifierOutputs.LABEL, "string", true))
                : List.of(new ColumnSpec("variable", "float", true));
        return new Signature(in, out);
    }

    /** Served columns: numbers as float, dates as ISO text (the graph parses them), text, booleans. */
    private static String columnType(Column column) {
        return switch (column.type()) {
            case NUMERIC -> "float";
            case BOOLEAN -> "boolean";
            case STRING, DATE, TIMESTAMP -> "string";
        };
    }

    /** A few rows in pandas' split orientation, raw as in the table (missing values as null). */
    static String inputExample(DataTable table, List<String> inputs, int[] rows) {
        ObjectNode example = JSON.createObjectNode();
        inputs.forEach(example.putArray("columns")::add);
        ArrayNode data = example.putArray("data");
        for (int i = 0; i < Math.min(EXAMPLE_ROWS, rows.length); i++) {
            ArrayNode row = data.addArray();
            for (String name : inputs) {
                Column column = table.require(name);
                int r = rows[i];
                if (column.isNull(r)) {
                    row.addNull();
                } else if (column instanceof NumericColumn numbers) {
                    row.add(numbers.value(r));
                } else if (column instanceof BooleanColumn flags) {
                    row.add(flags.value(r).orElseThrow());
                } else {
                    row.add(column.text(r));
                }
            }
        }
        return example.toString();
    }

    /** The table's schema as MLflow records a dataset's: {@code {"mlflow_colspec": [...]}}. */
    static String datasetSchema(DataTable table) {
        ObjectNode schema = JSON.createObjectNode();
        ArrayNode columns = schema.putArray("mlflow_colspec");
        for (ColumnSummary summary : table.schema()) {
            columns.addObject().put("type", switch (summary.type()) {
                case NUMERIC -> "double";
                case STRING -> "string";
                case BOOLEAN -> "boolean";
                case DATE, TIMESTAMP -> "datetime";
            }).put("name", summary.name()).put("required", summary.nulls() == 0);
        }
        return schema.toString();
    }
}
