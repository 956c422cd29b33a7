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
        // one input is the common case on the prediction path: no wrapper around a copy
        tensors = tensors.size() == 1 ? Map.copyOf(tensors) : Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        requestedOutputs = requestedOutputs.isEmpty() ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(requestedOutputs));
    }

    public static InferenceInputs of(Tensor... tensors) {
        return of(Arrays.asList(tensors), Set.of());
    }

    /** Inputs from a list, refusing a name given twice. */
    public static InferenceInputs of(List<Tensor> tensors, Set<String> requestedOutputs) {
        if (tensors.size() == 1) {
            return new InferenceInputs(Map.of(tensors.get(0).name(), tensors.get(0)), requestedOutputs);
        }
        Map<String, Tensor> byName = new LinkedHashMap<>();
        for (Tensor tensor : tensors) {
            if (byName.put(tensor.name(), tensor) != null) {
                throw SextantException.invalid("Input '" + tensor.name() + "' is given twice; send each input once.");
            }
        }
        return new InferenceInputs(byName, requestedOutputs);
    }
}
