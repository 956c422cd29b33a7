package dev.sextant.training.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.ONNXExportable;

/**
 * Splices the graph that Tribuo exports for its linear models (Gemm, then softmax for logistic
 * regression) onto our feature tensor.
 */
public final class LinearExport {

    private LinearExport() {
    }

    /** Returns the model's output tensor: probabilities [N, C] or values [N, 1]. */
    public static String write(OnnxGraph graph, ONNXExportable model, String features) {
        GraphProto exported = model.exportONNXModel("dev.sextant.training", 1).getGraph();
        String input = exported.getInput(0).getName();
        String output = exported.getOutput(0).getName();
        String result = graph.name("linear_output");
        List<NodeProto> nodes = new ArrayList<>();
        for (NodeProto node : exported.getNodeList()) {
            NodeProto.Builder renamed = node.toBuilder().clearInput().clearOutput();
            node.getInputList().forEach(name -> renamed.addInput(name.equals(input) ? features : name));
            node.getOutputList().forEach(name -> renamed.addOutput(name.equals(output) ? result : name));
            nodes.add(renamed.build());
        }
        graph.splice(nodes, exported.getInitializerList());
        return result;
    }
}
