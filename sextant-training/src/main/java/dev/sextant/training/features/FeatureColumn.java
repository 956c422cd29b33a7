package dev.sextant.training.features;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.sextant.data.table.Column;
import dev.sextant.training.onnx.OnnxGraph;

/**
 * One raw column turned into model features, twice over: in Java for training and in the ONNX
 * graph for serving. Both sides compute in float so that they agree to the bit.
 */
sealed interface FeatureColumn permits NumericFeature, BooleanFeature, CategoricalFeature, DateFeature {

    String column();

    int width();

    /** Whether the features are numbers to standardise (one-hot and 0/1 features are left as they are). */
    boolean standardised();

    /** The ONNX element type of the column's graph input. */
    DataType inputType();

    /** Writes the column's features for {@code row} into {@code out} from {@code offset}. */
    void encode(Column values, int row, float[] out, int offset);

    /** Adds the nodes that compute the features from the graph input; returns a float [N, width] tensor. */
    String writeGraph(OnnxGraph graph);

    ColumnDecision decision();
}
