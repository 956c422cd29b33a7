package dev.sextant.serving.runtime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.registry.packaging.Signature;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A handle on a loaded model. Handles of the same package share one ONNX Runtime session; close
 * each handle when done with it. {@link #predict} is thread-safe.
 */
public final class LoadedModel implements AutoCloseable {
    private final CachedModel model;
    private final CallGate gate;
    private final AtomicBoolean closed = new AtomicBoolean();

    LoadedModel(CachedModel model, CallGate gate) {
        this.model = model;
        this.gate = gate;
    }

    /**
     * Runs the model. Inputs are checked against the model first: an unknown or missing input, a
     * wrong datatype or a shape the model does not take is refused with {@code INVALID_PARAMETER_VALUE}
     * naming the input and what the model expects.
     */
    public InferenceOutputs predict(InferenceInputs inputs) {
        if (closed.get()) {
            throw new IllegalStateException("this model handle is closed");
        }
        Set<String> outputs = outputsFor(inputs.requestedOutputs());
        model.binder.validate(inputs);
        model.beginCall();
        gate.enter();
        try {
            // the outputs are copied out before the inputs' memory goes back for reuse
            try (InputBinder.Bound bound = model.binder.bind(Sessions.ENV, inputs);
                 OrtSession.Result result = model.session.run(bound.tensors(), outputs)) {
                return model.converter.convert(result);
            }
        } catch (OrtException e) {
            throw runFailure(e);
        } finally {
            gate.leave();
            model.endCall();
        }
    }

    /** The package digest this model was loaded and cached under. */
    public String digest() {
        return model.digest;
    }

    /** The MLmodel's signature, or one inferred from the ONNX graph when it declares none. */
    public Signature signature() {
        return model.signature;
    }

    public List<TensorMetadata> inputs() {
        return model.inputs;
    }

    public List<TensorMetadata> outputs() {
        return model.outputs;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            model.closeHandle();
        }
    }

    /** Whether the session behind this handle is closed (after eviction or shutdown). */
    boolean sessionClosed() {
        return model.isClosed();
    }

    private Set<String> outputsFor(Set<String> requested) {
        if (requested.isEmpty()) {
            return model.defaultOutputs;
        }
        for (String name : requested) {
            if (model.outputs.stream().noneMatch(output -> output.name().equals(name))) {
                throw SextantException.invalid("Unknown output '" + name + "'. Model outputs: " + model.outputs.stream()
                        .map(TensorMetadata::describe).collect(Collectors.joining(", ")) + ".");
            }
        }
        return requested;
    }

    /**
     * ONNX Runtime checks more than the declared shapes (e.g. that several inputs agree on the
     * batch size); what it calls an invalid argument is the caller's mistake.
     */
    private static SextantException runFailure(OrtException e) {
        if (e.getCode() == OrtException.OrtErrorCode.ORT_INVALID_ARGUMENT) {
            return SextantException.invalid("The model refused the inputs: " + e.getMessage());
        }
        return new SextantException(ErrorCode.INTERNAL_ERROR, "The model failed to run: " + e.getMessage(), e);
    }
}
