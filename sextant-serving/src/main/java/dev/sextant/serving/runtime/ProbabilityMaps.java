package dev.sextant.serving.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A classifier's per-row label → probability maps, as converters such as skl2onnx emit them
 * through the ZipMap operator. Labels are strings ({@code "0"} for the integer label 0) in label
 * order (numeric order for integer labels); every row has every label. Immutable.
 */
public final class ProbabilityMaps implements OutputValue {
    private final String name;
    private final Datatype labelType;
    private final List<String> labels;
    /** rows × labels, row-major. */
    private final float[] probabilities;

    /**
     * @param labelType {@link Datatype#INT64} or {@link Datatype#BYTES}: what the labels were in the model
     * @param probabilities row-major, {@code labels.size()} values per row
     */
    public ProbabilityMaps(String name, Datatype labelType, List<String> labels, float[] probabilities) {
        this(name, labelType, List.copyOf(labels), probabilities.clone(), true);
    }

    private ProbabilityMaps(String name, Datatype labelType, List<String> labels, float[] probabilities, boolean checked) {
        if (labels.isEmpty() ? probabilities.length != 0 : probabilities.length % labels.size() != 0) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for " + labels.size() + " labels");
        }
        this.name = name;
        this.labelType = labelType;
        this.labels = labels;
        this.probabilities = probabilities;
    }

    /** Takes ownership of {@code probabilities}: for arrays the runtime has just filled. */
    static ProbabilityMaps wrap(String name, Datatype labelType, List<String> labels, float[] probabilities) {
        return new ProbabilityMaps(name, labelType, labels, probabilities, true);
    }

    @Override
    public String name() {
        return name;
    }

    public Datatype labelType() {
        return labelType;
    }

    /** The labels, in order. */
    public List<String> labels() {
        return labels;
    }

    public int rowCount() {
        return labels.isEmpty() ? 0 : probabilities.length / labels.size();
    }

    public float probability(int row, String label) {
        int column = labels.indexOf(label);
        if (column < 0) {
            throw new IllegalArgumentException("no label " + label + " in " + labels);
        }
        return probabilities[row * labels.size() + column];
    }

    /** Rows {@code from} to {@code from + count} (exclusive), e.g. one request's share of a batch. */
    public ProbabilityMaps slice(int from, int count) {
        if (from < 0 || count < 0 || from + count > rowCount()) {
            throw new IndexOutOfBoundsException("rows " + from + " to " + (from + count) + " of " + rowCount());
        }
        int width = labels.size();
        return new ProbabilityMaps(name, labelType, labels,
                Arrays.copyOfRange(probabilities, from * width, (from + count) * width), true);
    }

    /** One label → probability map per row, iterating in label order. */
    public List<Map<String, Float>> rows() {
        List<Map<String, Float>> rows = new ArrayList<>(rowCount());
        for (int row = 0; row < rowCount(); row++) {
            Map<String, Float> map = new LinkedHashMap<>();
            for (int column = 0; column < labels.size(); column++) {
                map.put(labels.get(column), probabilities[row * labels.size() + column]);
            }
            rows.add(Collections.unmodifiableMap(map));
        }
        return Collections.unmodifiableList(rows);
    }

    /**
     * The probabilities as an FP32 tensor {@code [rows, labels]} in {@link #labels()} order, for
     * protocols that carry only tensors.
     */
    public Tensor asTensor() {
        return Tensor.wrap(name, Datatype.FP32, new long[] {rowCount(), labels.size()}, probabilities.clone());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProbabilityMaps that && name.equals(that.name) && labelType == that.labelType
                && labels.equals(that.labels) && Arrays.equals(probabilities, that.probabilities);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, labelType, labels, Arrays.hashCode(probabilities));
    }

    @Override
    public String toString() {
        return name + " " + rows();
    }
}
