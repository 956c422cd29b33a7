package dev.sextant.training.models;

import java.util.ArrayList;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.Output;
import org.tribuo.impl.ArrayExample;

/** Feature vectors as Tribuo examples, every feature present (zeros included) under its index name. */
final class Examples {

    private Examples() {
    }

    static <T extends Output<T>> Example<T> of(T output, float[] vector, String[] names) {
        double[] values = new double[vector.length];
        for (int i = 0; i < vector.length; i++) {
            values[i] = vector[i];
        }
        return new ArrayExample<>(output, names, values);
    }

    static <T extends Output<T>> List<Example<T>> unlabelled(T unknown, float[][] rows) {
        String[] names = FeatureNames.first(rows.length == 0 ? 0 : rows[0].length);
        List<Example<T>> examples = new ArrayList<>(rows.length);
        for (float[] row : rows) {
            examples.add(of(unknown, row, names));
        }
        return examples;
    }
}
