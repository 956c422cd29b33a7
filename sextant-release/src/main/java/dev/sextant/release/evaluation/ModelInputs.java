package dev.sextant.release.evaluation;

import dev.sextant.api.SextantException;
import dev.sextant.data.table.BooleanColumn;
import dev.sextant.data.table.Column;
import dev.sextant.data.table.DataTable;
import dev.sextant.data.table.NumericColumn;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.Tensor;
import dev.sextant.serving.runtime.TensorMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns rows of a table into a model's inputs. A model that takes one input per column (what
 * {@code sextant train} and sklearn pipelines export) gets each input from the column of the same
 * name; a model with a single feature matrix ({@code X float [-1, k]}) gets the {@code features}
 * columns in order, by default every numeric column but the target when there are exactly k.
 */
final class ModelInputs {
    private final List<TensorMetadata> inputs;
    private final List<String> matrixColumns;

    private ModelInputs(List<TensorMetadata> inputs, List<String> matrixColumns) {
        this.inputs = inputs;
        this.matrixColumns = matrixColumns;
    }

    static ModelInputs plan(List<TensorMetadata> inputs, DataTable table, String target, List<String> features) {
        if (inputs.size() == 1 && inputs.getFirst().shape().size() == 2 && table.column(inputs.getFirst().name()).isEmpty()) {
            return new ModelInputs(inputs, matrixColumns(inputs.getFirst(), table, target, features));
        }
        List<String> missing = inputs.stream().map(TensorMetadata::name).filter(n -> table.column(n).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw SextantException.invalid("The data has no column for model input" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + ". The model takes " + describe(inputs) + "; the data's columns are "
                    + table.columns().stream().map(Column::name).collect(Collectors.joining(", ")) + ".");
        }
        if (inputs.stream().anyMatch(i -> i.name().equals(target))) {
            throw SextantException.invalid("The target '" + target + "' is also an input of the model: choose the column the "
                    + "model predicts as the target.");
        }
        return new ModelInputs(inputs, List.of());
    }

    /** The inputs for {@code rows} of {@code table}. */
    InferenceInputs rows(DataTable table, int[] rows) {
        List<Tensor> tensors = new ArrayList<>();
        if (!matrixColumns.isEmpty()) {
            tensors.add(matrix(inputs.getFirst(), table, rows));
        } else {
            for (TensorMetadata input : inputs) {
                tensors.add(column(input, table.require(input.name()), rows));
            }
        }
        return InferenceInputs.of(tensors, java.util.Set.of());
    }

    private static Tensor column(TensorMetadata input, Column column, int[] rows) {
        long[] shape = input.shape().size() == 2 ? new long[] {rows.length, 1} : new long[] {rows.length};
        return switch (input.datatype()) {
            case FP32 -> {
                float[] values = new float[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    values[i] = (float) number(column, rows[i]);
                }
                yield Tensor.floats(input.name(), shape, values);
            }
            case FP64 -> {
                double[] values = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    values[i] = number(column, rows[i]);
                }
                yield Tensor.doubles(input.name(), shape, values);
            }
            case INT64, INT32 -> {
                long[] values = new long[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    double value = number(column, rows[i]);
                    if (Double.isNaN(value)) {
                        throw SextantException.invalid("Column '" + column.name() + "' has a missing value in row "
                                + (rows[i] + 1) + " but model input " + input.name() + " is an integer and cannot be missing.");
                    }
                    values[i] = Math.round(value);
                }
                yield input.datatype() == dev.sextant.serving.runtime.Datatype.INT64 ? Tensor.longs(input.name(), shape, values)
                        : Tensor.ints(input.name(), shape, java.util.Arrays.stream(values).mapToInt(Math::toIntExact).toArray());
            }
            case BOOL -> {
                boolean[] values = new boolean[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    values[i] = column instanceof BooleanColumn flags ? flags.value(rows[i]).orElse(false)
                            : number(column, rows[i]) != 0;
                }
                yield Tensor.bools(input.name(), shape, values);
            }
            case BYTES -> {
                String[] values = new String[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    values[i] = column.text(rows[i]);
                }
                yield Tensor.strings(input.name(), shape, values);
            }
            default -> throw SextantException.invalid("Model input " + input.describe() + " has a type evaluation cannot "
                    + "fill from a table.");
        };
    }

    private Tensor matrix(TensorMetadata input, DataTable table, int[] rows) {
        int width = matrixColumns.size();
        float[] values = new float[rows.length * width];
        for (int c = 0; c < width; c++) {
            Column column = table.require(matrixColumns.get(c));
            for (int i = 0; i < rows.length; i++) {
                values[i * width + c] = (float) number(column, rows[i]);
            }
        }
        long[] shape = {rows.length, width};
        return switch (input.datatype()) {
            case FP32 -> Tensor.floats(input.name(), shape, values);
            case FP64 -> {
                double[] doubles = new double[values.length];
                for (int i = 0; i < values.length; i++) {
                    doubles[i] = values[i];
                }
                yield Tensor.doubles(input.name(), shape, doubles);
            }
            default -> throw SextantException.invalid("Model input " + input.describe() + " is a matrix of a type "
                    + "evaluation cannot fill; it fills float and double matrices from numeric columns.");
        };
    }

    private static List<String> matrixColumns(TensorMetadata input, DataTable table, String target, List<String> features) {
        long width = input.shape().get(1);
        List<String> columns = features.isEmpty()
                ? table.columns().stream().filter(c -> c instanceof NumericColumn && !c.name().equals(target))
                        .map(Column::name).toList()
                : features;
        columns.forEach(table::require);
        if (width >= 0 && columns.size() != width) {
            throw SextantException.invalid("Model input " + input.describe() + " takes " + width + " features per row but "
                    + (features.isEmpty() ? "the data has " + columns.size() + " numeric columns besides the target ("
                    + String.join(", ", columns) + "); name them in order with features" : columns.size()
                    + " features were named") + ".");
        }
        return List.copyOf(columns);
    }

    private static double number(Column column, int row) {
        if (column.isNull(row)) {
            return Double.NaN;
        }
        return switch (column) {
            case NumericColumn numbers -> numbers.value(row);
            case BooleanColumn flags -> flags.value(row).orElse(false) ? 1 : 0;
            default -> throw SextantException.invalid("Column '" + column.name() + "' holds "
                    + column.type().name().toLowerCase(java.util.Locale.ROOT) + " values but the model takes numbers for it.");
        };
    }

    private static String describe(List<TensorMetadata> inputs) {
        return inputs.stream().map(TensorMetadata::describe).collect(Collectors.joining(", "));
    }
}
