package dev.sextant.training.models;

import dev.sextant.training.onnx.LinearExport;
import dev.sextant.training.onnx.OnnxGraph;
import dev.sextant.training.onnx.TreeEnsembleExport;
import java.util.List;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.Prediction;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/** A Tribuo regressor with one output dimension, exported as sklearn's converters do ({@code variable}). */
public final class TribuoRegressor implements FittedModel {
    public static final String OUTPUT = "variable";

    private final Model<Regressor> model;

    TribuoRegressor(Model<Regressor> model) {
        this.model = model;
    }

    @Override
    public Predictions.Values predict(float[][] features) {
        List<Prediction<Regressor>> predictions =
                model.predict(Examples.unlabelled(RegressionFactory.UNKNOWN_REGRESSOR, features));
        double[] values = new double[predictions.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = predictions.get(i).getOutput().getValues()[0];
        }
        return new Predictions.Values(values);
    }

    @Override
    public void writeGraph(OnnxGraph graph, String features) {
        String value = model instanceof ONNXExportable linear && !TreeEnsembleExport.handles(model)
                ? LinearExport.write(graph, linear, features)
                : TreeEnsembleExport.regressor(graph, model, features);
        graph.node("", "Identity", List.of(value), List.of(OUTPUT));
        graph.tensorOutput(OUTPUT, ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT, -1, 1);
    }
}
