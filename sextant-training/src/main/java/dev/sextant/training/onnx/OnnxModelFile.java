package dev.sextant.training.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import java.util.Map;
import java.util.TreeMap;

/**
 * The final ONNX model: default opset 20 (StringSplit parses dates), ONNX-ML opset 3, and
 * metadata without timestamps so that the same graph always gives the same bytes.
 */
public final class OnnxModelFile {
    static final int IR_VERSION = 9;
    static final int OPSET = 20;
    static final int ML_OPSET = 3;

    private OnnxModelFile() {
    }

    public static byte[] bytes(OnnxGraph graph, String description, Map<String, String> metadata) {
        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("Sextant")
                .setProducerVersion("1")
                .setDomain("dev.sextant.training")
                .setModelVersion(1)
                .setDocString(description)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(OnnxGraph.ML_DOMAIN).setVersion(ML_OPSET))
                .setGraph(graph.build());
        new TreeMap<>(metadata).forEach((key, value) ->
                model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        return model.build().toByteArray();
    }
}
