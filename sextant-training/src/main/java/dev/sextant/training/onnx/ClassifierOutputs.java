package dev.sextant.training.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.List;

/**
 * The outputs sklearn's converters give classifiers, so serving treats both alike:
 * {@code output_label} (the most probable label, the first on ties as Tribuo picks it) and
 * {@code output_probability} (a ZipMap: one label → probability map per row).
 */
public final class ClassifierOutputs {
    public static final String LABEL = "output_label";
    public static final String PROBABILITY = "output_probability";

    private ClassifierOutputs() {
    }

    public static void write(OnnxGraph graph, String probabilities, List<String> labels) {
        String best = graph.node("ArgMax", List.of(probabilities), OnnxGraph.attr("axis", 1L),
                OnnxGraph.attr("keepdims", 0L));
        graph.node("", "Gather", List.of(graph.strings("labels", labels), best), List.of(LABEL),
                OnnxGraph.attr("axis", 0L));
        graph.node(OnnxGraph.ML_DOMAIN, "ZipMap", List.of(probabilities), List.of(PROBABILITY),
                OnnxGraph.stringsAttr("classlabels_strings", labels));
        graph.tensorOutput(LABEL, DataType.STRING, -1);
        graph.labelMapOutput(PROBABILITY);
    }
}
