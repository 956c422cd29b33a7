package dev.sextant.training.features;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.sextant.data.table.BooleanColumn;
import dev.sextant.data.table.Column;
import dev.sextant.training.onnx.OnnxGraph;
import java.util.List;

/** true/false as 1/0; a boolean tensor cannot hold a missing value, so missing reads as false. */
record BooleanFeature(String column) implements FeatureColumn {

    @Override
    public int width() {
        return 1;
    }

    @Override
    public boolean standardised() {
        return false;
    }

    @Override
    public DataType inputType() {
        return DataType.BOOL;
    }

    @Override
    public void encode(Column values, int row, float[] out, int offset) {
        out[offset] = ((BooleanColumn) values).value(row).orElse(false) ? 1f : 0f;
    }

    @Override
    public String writeGraph(OnnxGraph graph) {
        return graph.node("Cast", List.of(column), OnnxGraph.attr("to", DataType.FLOAT_VALUE));
    }

    @Override
    public ColumnDecision decision() {
        return new ColumnDecision(column, ColumnDecision.Action.KEPT, "boolean as 1/0 (missing reads as false)", 1);
    }
}
