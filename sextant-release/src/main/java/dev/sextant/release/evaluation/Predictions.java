package dev.sextant.release.evaluation;

import java.util.List;
import java.util.Optional;

/** What a model predicted for a set of rows, in row order. */
sealed interface Predictions {

    int size();

    /** Labels; with the class probabilities when the model returns them as label → probability maps. */
    record Classes(List<String> predicted, Optional<Probabilities> probabilities) implements Predictions {
        public Classes {
            predicted = List.copyOf(predicted);
        }

        @Override
        public int size() {
            return predicted.size();
        }
    }

    record Values(double[] predicted) implements Predictions {
        @Override
        public int size() {
            return predicted.length;
        }
    }

    /** @param rows one array per row, in {@code labels} order */
    record Probabilities(List<String> labels, List<double[]> rows) {
        public Probabilities {
            labels = List.copyOf(labels);
            rows = List.copyOf(rows);
        }
    }
}
