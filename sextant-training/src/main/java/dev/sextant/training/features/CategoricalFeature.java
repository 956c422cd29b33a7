package dev.sextant.training.features;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.sextant.data.table.Column;
import dev.sextant.data.table.StringColumn;
import dev.sextant.training.onnx.OnnxGraph;
import java.util.List;
import java.util.Optional;

/**
 * Text one-hot encoded over the training split's categories (ONNX-ML OneHotEncoder); a missing or
 * unseen value becomes all zeros.
 */
record CategoricalFeature(String column, List<String> categories) implements FeatureColumn {

    CategoricalFeature {
        categories = List.copyOf(categories);
    }

    @Override
    public int width() {
        return categories.size();
    }

    @Override
    public boolean standardised() {
        return false;
    }

    @Override
    public DataType inputType() {
        return DataType.STRING;
    }

    @Override
    public void encode(Column values, int row, float[] out, int offset) {
        Optional<String> value = ((StringColumn) values).value(row);
        for (int i = 0; i < categories.size(); i++) {
            out[offset + i] = value.isPresent() && value.get().equals(categories.get(i)) ? 1f : 0f;
        }
    }

    @Override
    public String writeGraph(OnnxGraph graph) {
        String encoded = graph.mlNode("OneHotEncoder", List.of(column),
                OnnxGraph.stringsAttr("cats_strings", categories), OnnxGraph.attr("zeros", 1L));
        String shape = graph.longs("onehot_shape", new long[] {-1, categories.size()}, 2);
        return graph.node("Reshape", List.of(encoded, shape));
    }

    @Override
    public ColumnDecision decision() {
        String shown = categories.size() <= 8 ? String.join(", ", categories)
                : String.join(", ", categories.subList(0, 8)) + ", …";
        return new ColumnDecision(column, ColumnDecision.Action.ENCODED, "one-hot over " + categories.size()
                + " categories (" + shown + "); missing or unseen values become all zeros", categories.size());
    }
}
