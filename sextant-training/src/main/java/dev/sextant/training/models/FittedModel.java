package dev.sextant.training.models;

import dev.sextant.training.onnx.OnnxGraph;

/** A trained model over feature vectors: predicts in Java and writes itself into an ONNX graph. */
public sealed interface FittedModel permits TribuoClassifier, TribuoRegressor {

    Predictions predict(float[][] features);

    /**
     * Adds the model's nodes reading the float [N, F] tensor {@code features} and declares the
     * graph outputs ({@code output_label}/{@code output_probability} or {@code variable}).
     */
    void writeGraph(OnnxGraph graph, String features);
}
