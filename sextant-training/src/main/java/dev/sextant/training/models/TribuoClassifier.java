package dev.sextant.training.models;

import dev.sextant.training.onnx.ClassifierOutputs;
import dev.sextant.training.onnx.LinearExport;
import dev.sextant.training.onnx.TreeEnsembleExport;
import dev.sextant.training.onnx.OnnxGraph;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;

/** A Tribuo classifier (logistic regression or a tree ensemble) and its label order. */
public final class TribuoClassifier implements FittedModel {
    private final Model<Label> model;
    private final List<String> labels;

    TribuoClassifier(Model<Label> model) {
        this.model = model;
        List<String> names = new ArrayList<>();
        for (int id = 0; id < model.getOutputIDInfo().size(); id++) {
            names.add(model.getOutputIDInfo().getOutput(id).getLabel());
        }
        this.labels = List.copyOf(names);
    }

    /** Labels in the order of the probability columns. */
    public List<String> labels() {
        return labels;
    }

    @Override
    public Predictions.Classes predict(float[][] features) {
        List<String> predicted = new ArrayList<>();
        List<double[]> probabilities = new ArrayList<>();
        for (Prediction<Label> prediction : model.predict(Examples.unlabelled(LabelFactory.UNKNOWN_LABEL, features))) {
            predicted.add(prediction.getOutput().getLabel());
            double[] scores = new double[labels.size()];
            prediction.getOutputScores().forEach((name, label) -> scores[labels.indexOf(name)] = label.getScore());
            probabilities.add(scores);
        }
        return new Predictions.Classes(labels, predicted, probabilities);
    }

    @Override
    public void writeGraph(OnnxGraph graph, String features) {
        String probabilities = model instanceof ONNXExportable linear && !TreeEnsembleExport.handles(model)
                ? LinearExport.write(graph, linear, features)
                : TreeEnsembleExport.classifier(graph, model, labels, features);
        ClassifierOutputs.write(graph, probabilities, labels);
    }
}
