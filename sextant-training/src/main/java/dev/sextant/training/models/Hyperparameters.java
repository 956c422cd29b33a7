package dev.sextant.training.models;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Knobs of the built-in learners. Trees: how many and how deep; linear models: passes over the
 * data and the AdaGrad learning rate.
 */
public record Hyperparameters(int trees, int maxDepth, int epochs, double learningRate) {
    public static final Hyperparameters DEFAULTS = new Hyperparameters(50, 12, 20, 0.5);

    /** The values as run params. */
    public Map<String, String> asParams(boolean linear) {
        Map<String, String> params = new LinkedHashMap<>();
        if (linear) {
            params.put("epochs", String.valueOf(epochs));
            params.put("learning_rate", String.valueOf(learningRate));
        } else {
            params.put("trees", String.valueOf(trees));
            params.put("max_depth", String.valueOf(maxDepth));
        }
        return params;
    }
}
