package dev.sextant.serving.batching;

import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.InferenceOutputs;
import dev.sextant.serving.runtime.OutputValue;
import dev.sextant.serving.runtime.ProbabilityMaps;
import dev.sextant.serving.runtime.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stacks the inputs of several requests along the first (batch) axis and splits the outputs back
 * by each request's row count. Requests merge only when they have the same input names,
 * datatypes, trailing dimensions and requested outputs: {@link #key} says which.
 */
final class BatchMerge {
    private BatchMerge() {
    }

    /** Requests with equal keys can share a model call; empty when a request cannot be batched at all. */
    static Optional<String> key(InferenceInputs inputs) {
        StringBuilder key = new StringBuilder();
        long rows = -1;
        for (Tensor tensor : inputs.tensors().values()) {
            if (tensor.rank() == 0) {
                return Optional.empty();
            }
            long[] shape = tensor.shape();
            if (rows >= 0 && shape[0] != rows) {
                return Optional.empty();
            }
            rows = shape[0];
            // Asked on every request: appended directly rather than through a copy of the shape.
            key.append(tensor.name()).append(':').append(tensor.datatype().name()).append('[');
            for (int axis = 1; axis < shape.length; axis++) {
                key.append(axis > 1 ? ", " : "").append(shape[axis]);
            }
            key.append("];");
        }
        key.append('|').append(inputs.requestedOutputs());
        return rows < 0 ? Optional.empty() : Optional.of(key.toString());
    }

    static int rows(InferenceInputs inputs) {
        return (int) inputs.tensors().values().iterator().next().dimension(0);
    }

    /** One request holding every row of {@code parts}, in order. */
    static InferenceInputs merge(List<InferenceInputs> parts) {
        InferenceInputs first = parts.get(0);
        List<Tensor> merged = new ArrayList<>();
        for (Map.Entry<String, Tensor> input : first.tensors().entrySet()) {
            List<Tensor> pieces = new ArrayList<>(parts.size());
            parts.forEach(part -> pieces.add(part.tensors().get(input.getKey())));
            merged.add(Tensor.concatRows(input.getKey(), pieces));
        }
        return InferenceInputs.of(merged, first.requestedOutputs());
    }

    /** Each part's share of {@code outputs}; empty when an output has no batch axis to split. */
    static Optional<List<InferenceOutputs>> split(InferenceOutputs outputs, int[] rows) {
        int total = Arrays.stream(rows).sum();
        List<List<OutputValue>> perPart = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            perPart.add(new ArrayList<>());
        }
        for (OutputValue value : outputs.values()) {
            switch (value) {
                case Tensor tensor -> {
                    if (tensor.rank() == 0 || tensor.dimension(0) != total) {
                        return Optional.empty();
                    }
                    int from = 0;
                    for (int i = 0; i < rows.length; i++) {
                        perPart.get(i).add(tensor.rows(from, rows[i]));
                        from += rows[i];
                    }
                }
                case ProbabilityMaps maps -> {
                    if (maps.rowCount() != total) {
                        return Optional.empty();
                    }
                    int from = 0;
                    for (int i = 0; i < rows.length; i++) {
                        perPart.get(i).add(maps.slice(from, rows[i]));
                        from += rows[i];
                    }
                }
            }
        }
        return Optional.of(perPart.stream().map(InferenceOutputs::new).toList());
    }
}
