package dev.sextant.registry.packaging;

/**
 * Derives a signature from an ONNX model's graph (input and output names, element types, shapes),
 * for packages whose MLmodel declares none. Implemented by the serving runtime, which can parse
 * ONNX; the registry calls it without depending on serving.
 */
public interface SignatureInference {

    /**
     * The graph's signature as MLflow tensor specs. A model that is not valid ONNX is refused with a
     * {@link dev.sextant.api.SextantException} ({@code INVALID_PARAMETER_VALUE}).
     */
    Signature infer(byte[] onnxModel);
}
