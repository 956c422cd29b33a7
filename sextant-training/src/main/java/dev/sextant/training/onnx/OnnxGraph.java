package dev.sextant.training.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A small builder over ONNX's protobuf graph: named inputs and outputs, constants and nodes.
 * Every name it makes up starts with {@code sx_} and a counter, so graphs spliced in from Tribuo
 * cannot collide with it; the same calls in the same order give the same bytes.
 */
public final class OnnxGraph {
    public static final String ML_DOMAIN = "ai.onnx.ml";

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private int counter;

    public OnnxGraph(String name) {
        graph.setName(name);
    }

    /** A fresh tensor name with a readable stem. */
    public String name(String stem) {
        return "sx_" + stem + "_" + counter++;
    }

    /** A batch input of shape [-1, 1], one per raw table column. */
    public void columnInput(String name, DataType type) {
        graph.addInput(ValueInfoProto.newBuilder().setName(name).setType(tensorType(type, -1, 1)));
    }

    public void tensorOutput(String name, DataType type, long... shape) {
        graph.addOutput(ValueInfoProto.newBuilder().setName(name).setType(tensorType(type, shape)));
    }

    /** A ZipMap-style output: a sequence of maps from class label to probability. */
    public void labelMapOutput(String name) {
        TypeProto map = TypeProto.newBuilder().setMapType(TypeProto.Map.newBuilder()
                .setKeyType(DataType.STRING_VALUE)
                .setValueType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(DataType.FLOAT_VALUE)))).build();
        graph.addOutput(ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setSequenceType(TypeProto.Sequence.newBuilder().setElemType(map))));
    }

    public String floats(String stem, float[] values, long... shape) {
        TensorProto.Builder tensor = constant(stem, DataType.FLOAT, shape);
        for (float value : values) {
            tensor.addFloatData(value);
        }
        return add(tensor);
    }

    public String longs(String stem, long[] values, long... shape) {
        TensorProto.Builder tensor = constant(stem, DataType.INT64, shape);
        for (long value : values) {
            tensor.addInt64Data(value);
        }
        return add(tensor);
    }

    public String strings(String stem, List<String> values) {
        TensorProto.Builder tensor = constant(stem, DataType.STRING, values.size());
        values.forEach(value -> tensor.addStringData(ByteString.copyFrom(value, StandardCharsets.UTF_8)));
        return add(tensor);
    }

    /** A node with one output named after its operator; returns that output. */
    public String node(String opType, List<String> inputs, AttributeProto... attributes) {
        String output = name(opType.toLowerCase(java.util.Locale.ROOT));
        node("", opType, inputs, List.of(output), attributes);
        return output;
    }

    public String mlNode(String opType, List<String> inputs, AttributeProto... attributes) {
        String output = name(opType.toLowerCase(java.util.Locale.ROOT));
        node(ML_DOMAIN, opType, inputs, List.of(output), attributes);
        return output;
    }

    public void node(String domain, String opType, List<String> inputs, List<String> outputs,
                     AttributeProto... attributes) {
        graph.addNode(NodeProto.newBuilder().setName(name("node_" + opType)).setOpType(opType).setDomain(domain)
                .addAllInput(inputs).addAllOutput(outputs).addAllAttribute(List.of(attributes)));
    }

    /** Nodes and constants from another graph (e.g. one Tribuo exported), taken as they are. */
    public void splice(List<NodeProto> nodes, List<TensorProto> initializers) {
        graph.addAllNode(nodes);
        graph.addAllInitializer(initializers);
    }

    GraphProto build() {
        return graph.build();
    }

    public static AttributeProto attr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value).build();
    }

    public static AttributeProto attr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT).setF(value).build();
    }

    public static AttributeProto attr(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.STRING)
                .setS(ByteString.copyFrom(value, StandardCharsets.UTF_8)).build();
    }

    public static AttributeProto floatsAttr(String name, float[] values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOATS);
        for (float value : values) {
            attribute.addFloats(value);
        }
        return attribute.build();
    }

    public static AttributeProto longsAttr(String name, long[] values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
        for (long value : values) {
            attribute.addInts(value);
        }
        return attribute.build();
    }

    public static AttributeProto stringsAttr(String name, List<String> values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name).setType(AttributeType.STRINGS);
        values.forEach(value -> attribute.addStrings(ByteString.copyFrom(value, StandardCharsets.UTF_8)));
        return attribute.build();
    }

    private TensorProto.Builder constant(String stem, DataType type, long... shape) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name(stem)).setDataType(type.getNumber());
        for (long dim : shape) {
            tensor.addDims(dim);
        }
        return tensor;
    }

    private String add(TensorProto.Builder tensor) {
        graph.addInitializer(tensor);
        return tensor.getName();
    }

    private static TypeProto tensorType(DataType type, long... shape) {
        TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
        for (long dim : shape) {
            dims.addDim(dim < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
        }
        return TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(type.getNumber()).setShape(dims)).build();
    }
}
