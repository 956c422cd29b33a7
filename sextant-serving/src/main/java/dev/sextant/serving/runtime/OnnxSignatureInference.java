package dev.sextant.serving.runtime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.registry.packaging.FieldSpec;
import dev.sextant.registry.packaging.Signature;
import dev.sextant.registry.packaging.SignatureInference;
import dev.sextant.registry.packaging.TensorSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Signatures read from the ONNX graph through ONNX Runtime: one MLflow tensor spec per input and
 * output, with the graph's names, element types (as numpy dtype names) and shapes (-1 for
 * symbolic dimensions). A ZipMap output is described as what the runtime returns for it: float32
 * probabilities {@code [-1, -1]}, rows × labels in label order.
 */
public final class OnnxSignatureInference implements SignatureInference {

    @Override
    public Signature infer(byte[] onnxModel) {
        OrtSession session = Sessions.open(onnxModel, new RuntimeOptions(1, 1, 1), "The model file",
                ErrorCode.INVALID_PARAMETER_VALUE);
        try (session) {
            return signature(OnnxTypes.describe(session.getInputInfo()), OnnxTypes.describe(session.getOutputInfo()));
        } catch (OrtException e) {
            throw new SextantException(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Could not read the inputs and outputs of the ONNX model: " + e.getMessage(), e);
        }
    }

    static Signature signature(List<TensorMetadata> inputs, List<TensorMetadata> outputs) {
        return new Signature(specs(inputs), specs(outputs));
    }

    private static List<FieldSpec> specs(List<TensorMetadata> described) {
        List<FieldSpec> specs = new ArrayList<>();
        for (TensorMetadata value : described) {
            String dtype = switch (value.kind()) {
                case TENSOR, PROBABILITY_MAPS -> numpy(value.datatype());
                case UNSUPPORTED -> "object";
            };
            specs.add(new TensorSpec(value.name(), dtype, value.kind() == TensorMetadata.Kind.UNSUPPORTED
                    ? List.of(-1L) : value.shape()));
        }
        return specs;
    }

    private static String numpy(Datatype datatype) {
        return switch (datatype) {
            case BOOL -> "bool";
            case UINT8 -> "uint8";
            case UINT16 -> "uint16";
            case UINT32 -> "uint32";
            case UINT64 -> "uint64";
            case INT8 -> "int8";
            case INT16 -> "int16";
            case INT32 -> "int32";
            case INT64 -> "int64";
            case FP16 -> "float16";
            case BF16 -> "bfloat16";
            case FP32 -> "float32";
            case FP64 -> "float64";
            case BYTES -> "str";
        };
    }
}
