package dev.sextant.cli.serving;

import dev.sextant.cli.CliFailure;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.Tensor;
import dev.sextant.serving.runtime.TensorMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns rows of a table into the model's input tensors, as the scoring protocol does: columns
 * named like the model's inputs feed those inputs, or all columns feed a model's single
 * {@code [-1, k]} input in order. Missing numbers become NaN.
 */
final class RowTensors {
    private final List<TensorMetadata> inputs;
    /** For each input, the column indexes that feed it. */
    private final List<int[]> sources = new ArrayList<>();

    RowTensors(List<TensorMetadata> inputs, List<String> columns) {
        this.inputs = inputs;
        if (inputs.stream().allMatch(i -> columns.contains(i.name()))) {
            inputs.forEach(i -> sources.add(new int[] {columns.indexOf(i.name())}));
        } else if (inputs.size() == 1 && inputs.get(0).shape().size() == 2) {
            long width = inputs.get(0).shape().get(1);
            if (width >= 0 && width != columns.size()) {
                throw new CliFailure(CliFailure.FAILED, "the model's input " + inputs.get(0).describe() + " takes "
                        + width + " columns but the file has " + columns.size() + " " + columns);
            }
            int[] all = new int[columns.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            sources.add(all);
        } else {
            throw new CliFailure(CliFailure.FAILED, "the file's columns " + columns + " do not name the model's inputs: "
                    + inputs.stream().map(TensorMetadata::describe).collect(Collectors.joining(", ")));
        }
    }

    InferenceInputs tensors(List<Object[]> rows) {
        List<Tensor> tensors = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) {
            TensorMetadata input = inputs.get(k);
            int[] columns = sources.get(k);
            long[] shape = input.shape().size() <= 1 ? new long[] {rows.size()} : new long[] {rows.size(), columns.length};
            int n = rows.size() * columns.length;
            tensors.add(switch (input.datatype()) {
                case FP32 -> {
                    float[] values = new float[n];
                    fill(rows, columns, (i, v) -> values[i] = v == null ? Float.NaN : ((Number) number(v)).floatValue());
                    yield Tensor.floats(input.name(), shape, values);
                }
                case FP64 -> {
                    double[] values = new double[n];
                    fill(rows, columns, (i, v) -> values[i] = v == null ? Double.NaN : ((Number) number(v)).doubleValue());
                    yield Tensor.doubles(input.name(), shape, values);
                }
                case INT64 -> {
                    long[] values = new long[n];
                    fill(rows, columns, (i, v) -> values[i] = ((Number) number(v)).longValue());
                    yield Tensor.longs(input.name(), shape, values);
                }
                case INT32 -> {
                    int[] values = new int[n];
                    fill(rows, columns, (i, v) -> values[i] = ((Number) number(v)).intValue());
                    yield Tensor.ints(input.name(), shape, values);
                }
                case BYTES -> {
                    String[] values = new String[n];
                    fill(rows, columns, (i, v) -> values[i] = v == null ? "" : v.toString());
                    yield Tensor.strings(input.name(), shape, values);
                }
                case BOOL -> {
                    boolean[] values = new boolean[n];
                    fill(rows, columns, (i, v) -> values[i] = v instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(v)));
                    yield Tensor.bools(input.name(), shape, values);
                }
                default -> throw new CliFailure(CliFailure.FAILED, "input " + input.describe() + " is not supported");
            });
        }
        return InferenceInputs.of(tensors, Set.of());
    }

    private static Object number(Object value) {
        if (value instanceof Number) {
            return value;
        }
        if (value == null) {
            throw new CliFailure(CliFailure.FAILED, "a whole-number column has a missing value");
        }
        try {
            return Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
            throw new CliFailure(CliFailure.FAILED, "'" + value + "' is not a number");
        }
    }

    private static void fill(List<Object[]> rows, int[] columns, Setter setter) {
        int i = 0;
        for (Object[] row : rows) {
            for (int column : columns) {
                setter.set(i++, row[column]);
            }
        }
    }

    @FunctionalInterface
    private interface Setter {
        void set(int index, Object value);
    }
}
