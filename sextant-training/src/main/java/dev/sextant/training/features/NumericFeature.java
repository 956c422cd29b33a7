package dev.sextant.training.features;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.sextant.data.table.Column;
import dev.sextant.data.table.NumericColumn;
import dev.sextant.training.onnx.OnnxGraph;
import java.util.List;

/** A number, with missing values replaced by the training split's median (ONNX-ML Imputer). */
record NumericFeature(String column, float median, int missingInTraining) implements FeatureColumn {

    @Override
    public int width() {
        return 1;
    }

    @Override
    public boolean standardised() {
        return true;
    }

    @Override
    public DataType inputType() {
        return DataType.FLOAT;
    }

    @Override
    public void encode(Column values, int row, float[] out, int offset) {
        float value = (float) ((NumericColumn) values).value(row);
        out[offset] = Float.isNaN(value) ? median : value;
    }

    @Override
    public String writeGraph(OnnxGraph graph) {
        return graph.mlNode("Imputer", List.of(column),
                OnnxGraph.floatsAttr("imputed_value_floats", new float[] {median}),
                OnnxGraph.attr("replaced_value_float", Float.NaN));
    }

    @Override
    public ColumnDecision decision() {
        String reason = "number; missing values become the training median " + median
                + (missingInTraining > 0 ? " (" + missingInTraining + " missing in the training split)" : "");
        return new ColumnDecision(column, missingInTraining > 0 ? ColumnDecision.Action.IMPUTED
                : ColumnDecision.Action.KEPT, reason, 1);
    }
}
