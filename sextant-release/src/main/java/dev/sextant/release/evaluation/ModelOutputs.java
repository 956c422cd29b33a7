package dev.sextant.release.evaluation;

import dev.sextant.api.SextantException;
import dev.sextant.serving.runtime.InferenceOutputs;
import dev.sextant.serving.runtime.ProbabilityMaps;
import dev.sextant.serving.runtime.Tensor;
import dev.sextant.serving.runtime.TensorMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which of a model's outputs holds its prediction, and what task that makes it: a label tensor
 * (strings or integers, as sklearn converters and {@code sextant train} name it
 * {@code output_label} or {@code label}) makes a classifier, with probabilities when a
 * label → probability map output sits beside it; a float tensor makes a regressor.
 */
final class ModelOutputs {
    private static final List<String> LABEL_NAMES = List.of("output_label", "label");

    private final Task task;
    private final String prediction;
    private final Optional<String> probabilities;

    private ModelOutputs(Task task, String prediction, Optional<String> probabilities) {
        this.task = task;
        this.prediction = prediction;
        this.probabilities = probabilities;
    }

    static ModelOutputs of(List<TensorMetadata> outputs) {
        Optional<String> maps = outputs.stream().filter(o -> o.kind() == TensorMetadata.Kind.PROBABILITY_MAPS)
                .map(TensorMetadata::name).findFirst();
        List<TensorMetadata> tensors = outputs.stream().filter(o -> o.kind() == TensorMetadata.Kind.TENSOR).toList();
        Optional<TensorMetadata> named = tensors.stream().filter(o -> LABEL_NAMES.contains(o.name())).findFirst();
        TensorMetadata first = named.or(() -> tensors.stream().findFirst()).orElseThrow(() -> SextantException.invalid(
                "The model has no tensor output to evaluate; its outputs are " + outputs.stream()
                        .map(TensorMetadata::describe).collect(Collectors.joining(", ")) + "."));
        Task task = switch (first.datatype()) {
            case FP32, FP64, FP16 -> maps.isPresent() ? Task.CLASSIFICATION : Task.REGRESSION;
            default -> Task.CLASSIFICATION;
        };
        return new ModelOutputs(task, first.name(), maps);
    }

    Task task() {
        return task;
    }

    Predictions read(InferenceOutputs outputs) {
        Tensor tensor = outputs.tensor(prediction);
        return switch (task) {
            case REGRESSION -> new Predictions.Values(numbers(tensor));
            case CLASSIFICATION -> new Predictions.Classes(labels(tensor),
                    probabilities.map(name -> probabilities(outputs.probabilities(name))));
        };
    }

    private static double[] numbers(Tensor tensor) {
        return switch (tensor.datatype()) {
            case FP32 -> {
                float[] floats = tensor.floats();
                double[] values = new double[floats.length];
                for (int i = 0; i < floats.length; i++) {
                    values[i] = floats[i];
                }
                yield values;
            }
            case FP64 -> tensor.doubles();
            default -> throw SextantException.invalid("Output " + tensor.name() + " holds " + tensor.datatype()
                    + ", not numbers.");
        };
    }

    private static List<String> labels(Tensor tensor) {
        List<String> labels = new ArrayList<>();
        switch (tensor.datatype()) {
            case BYTES -> labels.addAll(List.of(tensor.strings()));
            case INT64 -> java.util.Arrays.stream(tensor.longs()).forEach(v -> labels.add(Long.toString(v)));
            case INT32 -> java.util.Arrays.stream(tensor.ints()).forEach(v -> labels.add(Integer.toString(v)));
            case BOOL -> {
                for (boolean value : tensor.bools()) {
                    labels.add(Boolean.toString(value));
                }
            }
            case FP32, FP64 -> {
                for (double value : numbers(tensor)) {
                    labels.add(Labels.of(value));
                }
            }
            default -> throw SextantException.invalid("Output " + tensor.name() + " holds " + tensor.datatype()
                    + ", which evaluation cannot read as labels.");
        }
        return labels;
    }

    private static Predictions.Probabilities probabilities(ProbabilityMaps maps) {
        List<double[]> rows = new ArrayList<>(maps.rowCount());
        for (int row = 0; row < maps.rowCount(); row++) {
            double[] values = new double[maps.labels().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = maps.probability(row, maps.labels().get(i));
            }
            rows.add(values);
        }
        return new Predictions.Probabilities(maps.labels(), rows);
    }
}
