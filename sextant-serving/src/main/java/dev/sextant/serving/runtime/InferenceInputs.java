package dev.sextant.serving.runtime;

import dev.sextant.api.SextantException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The input tensors of one prediction, by name, and which outputs to return (all when empty).
 */
public record InferenceInputs(Map<String, Tensor> tensors, Set<String> requestedOutputs) {

    public InferenceInputs {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        requestedOutputs = Collections.unmodifiableSet(new LinkedHashSet<>(requestedOutputs));
    }

    public static InferenceInputs of(Tensor... tensors) {
        return of(Arrays.asList(tensors), Set.of());
    }

    /** Inputs from a list, refusing a name given twice. */
    public static InferenceInputs of(List<Tensor> tensors, Set<String> requestedOutputs) {
        Map<String, Tensor> byName = new LinkedHashMap<>();
        for (Tensor tensor : tensors) {
            if (byName.put(tensor.name(), tensor) != null) {
                throw SextantException.invalid("Input '" + tensor.name() + "' is given twice; send each input once.");
            }
        }
        return new InferenceInputs(byName, requestedOutputs);
    }
}
