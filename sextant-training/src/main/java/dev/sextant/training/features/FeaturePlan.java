package dev.sextant.training.features;

import dev.sextant.data.table.DataTable;
import dev.sextant.training.onnx.OnnxGraph;
import java.util.ArrayList;
import java.util.List;

/**
 * How a table's columns become the model's feature vector, fitted on the training split only:
 * which columns are used and how, then standardisation (ONNX-ML Scaler) of the numeric features.
 * {@link #encode} computes the features in Java for training and evaluation; {@link #writeGraph}
 * writes the same computation into the exported model, so the served model takes raw columns.
 */
public final class FeaturePlan {
    private final List<FeatureColumn> features;
    private final List<ColumnDecision> decisions;
    private final float[] offsets;
    private final float[] scales;

    FeaturePlan(List<FeatureColumn> features, List<ColumnDecision> decisions, float[] offsets, float[] scales) {
        this.features = List.copyOf(features);
        this.decisions = List.copyOf(decisions);
        this.offsets = offsets.clone();
        this.scales = scales.clone();
    }

    /** Decides what to do with every column except {@code target}, from the rows in {@code trainRows}. */
    public static FeaturePlan fit(DataTable table, String target, int[] trainRows) {
        return new PlanFitter(table, target, trainRows).fit();
    }

    /** The table's columns the model reads, in graph-input order. */
    public List<String> inputColumns() {
        return features.stream().map(FeatureColumn::column).toList();
    }

    public List<ColumnDecision> decisions() {
        return decisions;
    }

    public int width() {
        return offsets.length;
    }

    /** The standardised feature vectors of {@code rows}, computed as the ONNX graph computes them. */
    public float[][] encode(DataTable table, int[] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = encodeRaw(table, rows[i]);
            for (int f = 0; f < out[i].length; f++) {
                out[i][f] = (out[i][f] - offsets[f]) * scales[f];
            }
        }
        return out;
    }

    float[] encodeRaw(DataTable table, int row) {
        float[] vector = new float[width()];
        int offset = 0;
        for (FeatureColumn feature : features) {
            feature.encode(table.require(feature.column()), row, vector, offset);
            offset += feature.width();
        }
        return vector;
    }

    /** Declares one graph input per used column and returns the float [N, width] feature tensor. */
    public String writeGraph(OnnxGraph graph) {
        List<String> parts = new ArrayList<>();
        for (FeatureColumn feature : features) {
            graph.columnInput(feature.column(), feature.inputType());
            parts.add(feature.writeGraph(graph));
        }
        String all = parts.size() == 1 ? parts.getFirst()
                : graph.node("Concat", parts, OnnxGraph.attr("axis", 1L));
        return graph.mlNode("Scaler", List.of(all), OnnxGraph.floatsAttr("offset", offsets),
                OnnxGraph.floatsAttr("scale", scales));
    }

    /** Whether {@code column} is standardised, by feature index; for reports and tests. */
    boolean standardised(int featureIndex) {
        int offset = 0;
        for (FeatureColumn feature : features) {
            if (featureIndex < offset + feature.width()) {
                return feature.standardised();
            }
            offset += feature.width();
        }
        throw new IndexOutOfBoundsException(featureIndex);
    }
}
