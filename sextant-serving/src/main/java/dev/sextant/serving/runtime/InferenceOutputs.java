package dev.sextant.serving.runtime;

import java.util.List;
import java.util.Optional;

/** The outputs of one prediction, in the model's output order. */
public record InferenceOutputs(List<OutputValue> values) {

    public InferenceOutputs {
        values = List.copyOf(values);
    }

    public Optional<OutputValue> get(String name) {
        return values.stream().filter(value -> value.name().equals(name)).findFirst();
    }

    /** The tensor output {@code name}; fails if there is none or it is not a tensor. */
    public Tensor tensor(String name) {
        return (Tensor) get(name).filter(Tensor.class::isInstance)
                .orElseThrow(() -> new IllegalArgumentException("no tensor output named " + name));
    }

    /** The label → probability output {@code name}; fails if there is none or it is a tensor. */
    public ProbabilityMaps probabilities(String name) {
        return (ProbabilityMaps) get(name).filter(ProbabilityMaps.class::isInstance)
                .orElseThrow(() -> new IllegalArgumentException("no probability-map output named " + name));
    }
}
