package dev.sextant.training.models;

import java.util.List;

/** A model's predictions for a batch of rows. */
public sealed interface Predictions {

    int size();

    /**
     * Class predictions with one probability per label, in {@code labels} order.
     */
    record Classes(List<String> labels, List<String> predicted, List<double[]> probabilities) implements Predictions {
        public Classes {
            labels = List.copyOf(labels);
            predicted = List.copyOf(predicted);
            probabilities = probabilities.stream().map(double[]::clone).toList();
        }

        @Override
        public int size() {
            return predicted.size();
        }
    }

    record Values(double[] values) implements Predictions {
        public Values {
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public int size() {
            return values.length;
        }
    }
}
