package dev.sextant.serving.runtime;

import ai.onnxruntime.MapInfo;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import ai.onnxruntime.ValueInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ONNX Runtime's type descriptions in Open Inference Protocol and MLflow terms. */
final class OnnxTypes {
    private OnnxTypes() {
    }

    static Datatype datatype(OnnxTensorType type) {
        return switch (type) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> Datatype.BOOL;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> Datatype.UINT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16 -> Datatype.UINT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32 -> Datatype.UINT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64 -> Datatype.UINT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> Datatype.INT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> Datatype.INT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> Datatype.INT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> Datatype.INT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> Datatype.FP16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 -> Datatype.BF16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> Datatype.FP32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> Datatype.FP64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> Datatype.BYTES;
            // complex and 8-bit float types have no OIP name; nothing here can carry them
            default -> Datatype.BYTES;
        };
    }

    static Datatype datatype(OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> Datatype.FP32;
            case DOUBLE -> Datatype.FP64;
            case INT8 -> Datatype.INT8;
            case INT16 -> Datatype.INT16;
            case INT32 -> Datatype.INT32;
            case INT64 -> Datatype.INT64;
            case BOOL -> Datatype.BOOL;
            case UINT8 -> Datatype.UINT8;
            case FLOAT16 -> Datatype.FP16;
            case BFLOAT16 -> Datatype.BF16;
            default -> Datatype.BYTES;
        };
    }

    /** The numpy dtype name MLflow writes in a tensor spec for {@code type}. */
    static String numpyDtype(OnnxTensorType type) {
        return switch (type) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> "bool";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> "uint8";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16 -> "uint16";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32 -> "uint32";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64 -> "uint64";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> "int8";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> "int16";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> "int32";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> "int64";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> "float16";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> "float32";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> "float64";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> "str";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_COMPLEX64 -> "complex64";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_COMPLEX128 -> "complex128";
            default -> "object";
        };
    }

    /** Input or output descriptions in graph order. */
    static List<TensorMetadata> describe(Map<String, NodeInfo> nodes) {
        List<TensorMetadata> described = new ArrayList<>(nodes.size());
        for (NodeInfo node : nodes.values()) {
            described.add(describe(node.getName(), node.getInfo()));
        }
        return described;
    }

    static TensorMetadata describe(String name, ValueInfo info) {
        return switch (info) {
            case TensorInfo tensor -> new TensorMetadata(name, datatype(tensor.onnxType), shape(tensor.getShape()),
                    TensorMetadata.Kind.TENSOR);
            case SequenceInfo sequence when isProbabilityMaps(sequence) -> new TensorMetadata(name,
                    datatype(sequence.mapInfo.valueType), List.of(-1L, -1L), TensorMetadata.Kind.PROBABILITY_MAPS);
            default -> new TensorMetadata(name, Datatype.BYTES, List.of(), TensorMetadata.Kind.UNSUPPORTED);
        };
    }

    /** The symbolic name of each tensor input's first dimension ("" when unnamed or fixed), by input name. */
    static Map<String, String> firstDimensionNames(Map<String, NodeInfo> inputs) {
        Map<String, String> names = new java.util.HashMap<>();
        for (NodeInfo node : inputs.values()) {
            if (node.getInfo() instanceof TensorInfo tensor && tensor.getDimensionNames().length > 0) {
                String name = tensor.getDimensionNames()[0];
                names.put(node.getName(), name == null ? "" : name);
            }
        }
        return names;
    }

    /** The label type of each ZipMap output, by output name. */
    static Map<String, Datatype> labelTypes(Map<String, NodeInfo> outputs) {
        Map<String, Datatype> labels = new java.util.HashMap<>();
        for (NodeInfo node : outputs.values()) {
            if (node.getInfo() instanceof SequenceInfo sequence && isProbabilityMaps(sequence)) {
                labels.put(node.getName(), sequence.mapInfo.keyType == OnnxJavaType.INT64 ? Datatype.INT64 : Datatype.BYTES);
            }
        }
        return labels;
    }

    /** A ZipMap output: a sequence of maps from int64 or string labels to numbers. */
    static boolean isProbabilityMaps(SequenceInfo sequence) {
        if (!sequence.isSequenceOfMaps()) {
            return false;
        }
        MapInfo map = sequence.mapInfo;
        boolean labels = map.keyType == OnnxJavaType.INT64 || map.keyType == OnnxJavaType.STRING;
        boolean numbers = map.valueType == OnnxJavaType.FLOAT || map.valueType == OnnxJavaType.DOUBLE;
        return labels && numbers;
    }

    /** ONNX Runtime reports symbolic dimensions as -1 (or 0 in some versions): both mean any size. */
    static List<Long> shape(long[] dims) {
        List<Long> shape = new ArrayList<>(dims.length);
        for (long dim : dims) {
            shape.add(dim > 0 ? dim : -1L);
        }
        return shape;
    }
}
