package dev.sextant.serving.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A classifier's per-row label → probability maps, as converters such as skl2onnx emit them
 * through the ZipMap operator. Labels are strings ({@code "0"} for the integer label 0); each
 * row's map iterates in label order (numeric order for integer labels).
 *
 * @param labelType {@link Datatype#INT64} or {@link Datatype#BYTES}: what the labels were in the model
 */
public record ProbabilityMaps(String name, Datatype labelType, List<Map<String, Float>> rows) implements OutputValue {

    public ProbabilityMaps {
        List<Map<String, Float>> copy = new ArrayList<>(rows.size());
        for (Map<String, Float> row : rows) {
            copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    /** The labels of the first row, in order; empty when there are no rows. */
    public List<String> labels() {
        return rows.isEmpty() ? List.of() : List.copyOf(rows.get(0).keySet());
    }

    /**
     * The probabilities as an FP32 tensor {@code [rows, labels]} in {@link #labels()} order, for
     * protocols that carry only tensors.
     */
    public Tensor asTensor() {
        List<String> labels = labels();
        float[] values = new float[rows.size() * labels.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < labels.size(); c++) {
                values[r * labels.size() + c] = rows.get(r).getOrDefault(labels.get(c), 0f);
            }
        }
        return Tensor.wrap(name, Datatype.FP32, new long[] {rows.size(), labels.size()}, values);
    }
}
