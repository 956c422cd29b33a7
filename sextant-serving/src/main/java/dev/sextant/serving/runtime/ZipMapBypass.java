package dev.sextant.serving.runtime;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Classifiers converted by skl2onnx and similar tools end in a ZipMap, which turns the
 * probability tensor into one label → probability map per row. ONNX Runtime builds those maps
 * natively and its Java binding then crosses into native code for every map's keys and values:
 * for a one-row request that costs more than the model itself. So before a model is loaded, each
 * ZipMap that produces a graph output (and feeds nothing else) is replaced by an Identity over its
 * probability tensor, and {@link OutputConverter} builds the same {@link ProbabilityMaps} from that
 * tensor with the labels the ZipMap declared. Outputs keep their names and values; only the work
 * to produce them changes. A graph this cannot edit safely is loaded as it is.
 */
final class ZipMapBypass {
    private static final String ML_DOMAIN = "ai.onnx.ml";
    // ModelProto and GraphProto field numbers (onnx.proto)
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET_IMPORT = 8;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_OUTPUT = 12;

    /** The model to load and, by output name, the ZipMaps it now returns as probability tensors. */
    record Result(byte[] onnx, Map<String, ZipMapLabels> outputs) {
        Result {
            outputs = Map.copyOf(outputs);
        }
    }

    private ZipMapBypass() {
    }

    static Result apply(byte[] onnx) {
        try {
            return rewrite(onnx);
        } catch (IOException | RuntimeException unreadable) {
            // ONNX Runtime reads the model as it is and says what is wrong with it.
            return new Result(onnx, Map.of());
        }
    }

    private static Result rewrite(byte[] onnx) throws IOException {
        List<Field> model = Field.all(onnx, 0, onnx.length);
        Field graph = null;
        boolean defaultDomain = false;
        for (Field field : model) {
            if (field.number == MODEL_GRAPH && field.lengthDelimited()) {
                graph = field;
            } else if (field.number == MODEL_OPSET_IMPORT && field.lengthDelimited()) {
                String domain = OperatorSetIdProto.parseFrom(field.value(onnx)).getDomain();
                defaultDomain |= domain.isEmpty() || domain.equals("ai.onnx");
            }
        }
        if (graph == null || !defaultDomain) { // Identity lives in the default domain
            return new Result(onnx, Map.of());
        }
        List<Field> graphFields = Field.all(onnx, graph.valueStart, graph.end);
        Map<Field, NodeProto> nodes = new LinkedHashMap<>();
        Map<String, Field> outputs = new HashMap<>();
        Set<String> consumed = new HashSet<>();
        for (Field field : graphFields) {
            if (field.number == GRAPH_NODE && field.lengthDelimited()) {
                NodeProto node = NodeProto.parseFrom(field.value(onnx));
                nodes.put(field, node);
                consumed.addAll(node.getInputList());
            } else if (field.number == GRAPH_OUTPUT && field.lengthDelimited()) {
                outputs.put(ValueInfoProto.parseFrom(field.value(onnx)).getName(), field);
            }
        }
        Map<Field, MessageLite> replaced = new HashMap<>();
        Map<String, ZipMapLabels> bypassed = new LinkedHashMap<>();
        for (Map.Entry<Field, NodeProto> entry : nodes.entrySet()) {
            NodeProto node = entry.getValue();
            if (!node.getOpType().equals("ZipMap") || !node.getDomain().equals(ML_DOMAIN) || node.getInputCount() != 1
                    || node.getOutputCount() != 1) {
                continue;
            }
            String output = node.getOutput(0);
            Field outputField = outputs.get(output);
            if (outputField == null || consumed.contains(output) || bypassed.containsKey(output)) {
                continue;
            }
            ZipMapLabels labels = labels(node);
            if (labels == null) {
                continue;
            }
            replaced.put(entry.getKey(), node.toBuilder().setOpType("Identity").setDomain("").clearAttribute().build());
            replaced.put(outputField, ValueInfoProto.parseFrom(outputField.value(onnx)).toBuilder()
                    .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                            .setElemType(TensorProto.DataType.FLOAT_VALUE)))
                    .build());
            bypassed.put(output, labels);
        }
        if (bypassed.isEmpty()) {
            return new Result(onnx, Map.of());
        }
        byte[] newGraph = write(onnx, graphFields, replaced);
        Map<Field, MessageLite> none = Map.of();
        ByteArrayOutputStream out = new ByteArrayOutputStream(onnx.length + 64);
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        for (Field field : model) {
            if (field == graph) {
                coded.writeByteArray(MODEL_GRAPH, newGraph);
            } else {
                coded.writeRawBytes(onnx, field.start, field.end - field.start);
            }
        }
        coded.flush();
        return new Result(out.toByteArray(), bypassed);
    }

    /** The ZipMap's labels, or null when it declares none usable (none, both kinds, or a label twice). */
    private static ZipMapLabels labels(NodeProto zipMap) {
        List<Long> ints = null;
        List<String> strings = null;
        for (AttributeProto attribute : zipMap.getAttributeList()) {
            switch (attribute.getName()) {
                case "classlabels_int64s" -> ints = attribute.getIntsList();
                case "classlabels_strings" -> {
                    strings = new ArrayList<>();
                    for (ByteString label : attribute.getStringsList()) {
                        strings.add(label.toStringUtf8());
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        if ((ints == null) == (strings == null)) {
            return null;
        }
        List<? extends Comparable<?>> labels = ints != null ? ints : strings;
        if (labels.isEmpty() || new HashSet<>(labels).size() != labels.size()) {
            return null;
        }
        return ints != null ? ZipMapLabels.ofInts(ints) : ZipMapLabels.ofStrings(strings);
    }

    private static byte[] write(byte[] onnx, List<Field> fields, Map<Field, MessageLite> replaced) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        for (Field field : fields) {
            MessageLite replacement = replaced.get(field);
            if (replacement != null) {
                coded.writeByteArray(field.number, replacement.toByteArray());
            } else {
                coded.writeRawBytes(onnx, field.start, field.end - field.start);
            }
        }
        coded.flush();
        return out.toByteArray();
    }

    /** Where one field of a message lies in the model's bytes: tag to end, and its value. */
    private static final class Field {
        final int number;
        final int wireType;
        final int start;
        final int valueStart;
        final int end;

        private Field(int number, int wireType, int start, int valueStart, int end) {
            this.number = number;
            this.wireType = wireType;
            this.start = start;
            this.valueStart = valueStart;
            this.end = end;
        }

        boolean lengthDelimited() {
            return wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED;
        }

        byte[] value(byte[] bytes) {
            return java.util.Arrays.copyOfRange(bytes, valueStart, end);
        }

        /** The fields of the message in {@code bytes[from, to)}, in order. */
        static List<Field> all(byte[] bytes, int from, int to) throws IOException {
            CodedInputStream in = CodedInputStream.newInstance(bytes, from, to - from);
            in.setSizeLimit(Integer.MAX_VALUE);
            List<Field> fields = new ArrayList<>();
            while (true) {
                int start = from + in.getTotalBytesRead();
                int tag = in.readTag();
                if (tag == 0) {
                    return fields;
                }
                int wireType = WireFormat.getTagWireType(tag);
                int valueStart;
                if (wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    int length = in.readRawVarint32();
                    valueStart = from + in.getTotalBytesRead();
                    in.skipRawBytes(length);
                } else {
                    valueStart = from + in.getTotalBytesRead();
                    if (!in.skipField(tag)) {
                        throw new IOException("unexpected end-group tag");
                    }
                }
                fields.add(new Field(WireFormat.getTagFieldNumber(tag), wireType, start, valueStart,
                        from + in.getTotalBytesRead()));
            }
        }
    }
}
