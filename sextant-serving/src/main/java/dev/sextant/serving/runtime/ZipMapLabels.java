package dev.sextant.serving.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The labels of a ZipMap that {@link ZipMapBypass} replaced, and how the columns of its
 * probability tensor become {@link ProbabilityMaps}: labels in label order (numeric for integer
 * labels), as ONNX Runtime's own maps are read.
 *
 * @param labelType {@link Datatype#INT64} or {@link Datatype#BYTES}, as the ZipMap declared them
 * @param labels the labels as text, in label order
 * @param columns for each label in {@code labels}, its column in the probability tensor
 */
record ZipMapLabels(Datatype labelType, List<String> labels, int[] columns) {

    ZipMapLabels {
        labels = List.copyOf(labels);
        columns = columns.clone();
    }

    static ZipMapLabels ofInts(List<Long> declared) {
        return sorted(Datatype.INT64, declared.size(), Comparator.comparing(declared::get), i -> declared.get(i).toString());
    }

    static ZipMapLabels ofStrings(List<String> declared) {
        return sorted(Datatype.BYTES, declared.size(), Comparator.comparing(declared::get), declared::get);
    }

    private static ZipMapLabels sorted(Datatype type, int count, Comparator<Integer> order, IntFunction<String> text) {
        Integer[] columns = new Integer[count];
        Arrays.setAll(columns, i -> i);
        Arrays.sort(columns, order);
        List<String> labels = new ArrayList<>(count);
        for (Integer column : columns) {
            labels.add(text.apply(column));
        }
        return new ZipMapLabels(type, labels, Arrays.stream(columns).mapToInt(Integer::intValue).toArray());
    }

    /** The maps from the probability tensor, {@code [rows, labels]} (or {@code [labels]}: one row). */
    ProbabilityMaps maps(String name, OnnxTensor tensor) throws OrtException {
        long[] shape = tensor.getInfo().getShape();
        int width = columns.length;
        boolean fits = shape.length == 2 ? shape[1] == width : shape.length == 1 && shape[0] == width;
        if (!fits) {
            throw new SextantException(ErrorCode.INTERNAL_ERROR, "The model failed to run: output '" + name
                    + "' has " + Arrays.toString(shape) + " probabilities, but its ZipMap names " + width + " labels.");
        }
        FloatBuffer buffer = tensor.getFloatBuffer();
        int rows = buffer.remaining() / width;
        float[] values = new float[rows * width];
        int base = buffer.position();
        for (int row = 0; row < rows; row++) {
            for (int label = 0; label < width; label++) {
                values[row * width + label] = buffer.get(base + row * width + columns[label]);
            }
        }
        return ProbabilityMaps.wrap(name, labelType, labels, values);
    }
}
