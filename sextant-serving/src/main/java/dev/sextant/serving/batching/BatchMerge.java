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
            merged.add(concat(input.getKey(), pieces));
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
                        perPart.get(i).add(slice(tensor, from, rows[i]));
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

    private static Tensor concat(String name, List<Tensor> pieces) {
        Tensor first = pieces.get(0);
        long[] shape = first.shape();
        long rows = 0;
        for (Tensor piece : pieces) {
            rows += piece.dimension(0);
        }
        shape[0] = rows;
        int total = pieces.stream().mapToInt(Tensor::elementCount).sum();
        return switch (first.datatype()) {
            case FP32 -> {
                float[] out = new float[total];
                int at = 0;
                for (Tensor piece : pieces) {
                    float[] values = piece.floats();
                    System.arraycopy(values, 0, out, at, values.length);
                    at += values.length;
                }
                yield Tensor.floats(name, shape, out);
            }
            case FP64 -> {
                double[] out = new double[total];
                int at = 0;
                for (Tensor piece : pieces) {
                    double[] values = piece.doubles();
                    System.arraycopy(values, 0, out, at, values.length);
                    at += values.length;
                }
                yield Tensor.doubles(name, shape, out);
            }
            case INT32 -> {
                int[] out = new int[total];
                int at = 0;
                for (Tensor piece : pieces) {
                    int[] values = piece.ints();
                    System.arraycopy(values, 0, out, at, values.length);
                    at += values.length;
                }
                yield Tensor.ints(name, shape, out);
            }
            case INT64 -> {
                long[] out = new long[total];
                int at = 0;
                for (Tensor piece : pieces) {
                    long[] values = piece.longs();
                    System.arraycopy(values, 0, out, at, values.length);
                    at += values.length;
                }
                yield Tensor.longs(name, shape, out);
            }
            case BOOL -> {
                boolean[] out = new boolean[total];
                int at = 0;
                for (Tensor piece : pieces) {
                    boolean[] values = piece.bools();
                    System.arraycopy(values, 0, out, at, values.length);
                    at += values.length;
                }
                yield Tensor.bools(name, shape, out);
            }
            case BYTES -> {
                String[] out = new String[total];
                int at = 0;
                for (Tensor piece : pieces) {
                    String[] values = piece.strings();
                    System.arraycopy(values, 0, out, at, values.length);
                    at += values.length;
                }
                yield Tensor.strings(name, shape, out);
            }
            default -> throw new IllegalStateException("cannot batch " + first.datatype());
        };
    }

    private static Tensor slice(Tensor tensor, int fromRow, int rowCount) {
        long[] shape = tensor.shape();
        int rowSize = shape[0] == 0 ? 0 : tensor.elementCount() / (int) shape[0];
        shape[0] = rowCount;
        int from = fromRow * rowSize;
        int to = from + rowCount * rowSize;
        return switch (tensor.datatype()) {
            case FP32 -> Tensor.floats(tensor.name(), shape, Arrays.copyOfRange(tensor.floats(), from, to));
            case FP64 -> Tensor.doubles(tensor.name(), shape, Arrays.copyOfRange(tensor.doubles(), from, to));
            case INT32 -> Tensor.ints(tensor.name(), shape, Arrays.copyOfRange(tensor.ints(), from, to));
            case INT64 -> Tensor.longs(tensor.name(), shape, Arrays.copyOfRange(tensor.longs(), from, to));
            case BOOL -> Tensor.bools(tensor.name(), shape, Arrays.copyOfRange(tensor.bools(), from, to));
            case BYTES -> Tensor.strings(tensor.name(), shape, Arrays.copyOfRange(tensor.strings(), from, to));
            default -> throw new IllegalStateException("cannot split " + tensor.datatype());
        };
    }
}
