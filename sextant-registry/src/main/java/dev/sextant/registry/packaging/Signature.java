package dev.sextant.registry.packaging;

import dev.sextant.api.SextantException;
import java.util.List;

/**
 * A model's signature: what it takes and what it returns. MLflow does not mix tensor and column
 * specs within one side of a signature, and neither does this record.
 *
 * @param params MLflow's inference-parameter schema as JSON text, empty when there is none
 */
public record Signature(List<FieldSpec> inputs, List<FieldSpec> outputs, String params) {
    /** No signature: the MLmodel file did not declare one. */
    public static final Signature NONE = new Signature(List.of(), List.of(), "");

    public Signature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        requireOneKind(inputs, "inputs");
        requireOneKind(outputs, "outputs");
    }

    public Signature(List<FieldSpec> inputs, List<FieldSpec> outputs) {
        this(inputs, outputs, "");
    }

    /** Whether this is {@link #NONE}-like: no inputs, no outputs, no parameters. */
    public boolean isEmpty() {
        return inputs.isEmpty() && outputs.isEmpty() && params.isEmpty();
    }

    /** Whether the inputs are tensors (as for ONNX models) rather than data-frame columns. */
    public boolean tensorInputs() {
        return !inputs.isEmpty() && inputs.get(0) instanceof TensorSpec;
    }

    private static void requireOneKind(List<FieldSpec> fields, String side) {
        long tensors = fields.stream().filter(TensorSpec.class::isInstance).count();
        if (tensors != 0 && tensors != fields.size()) {
            throw SextantException.invalid("Invalid signature: its " + side + " mix tensor specs and column specs; use one kind per side.");
        }
    }
}
