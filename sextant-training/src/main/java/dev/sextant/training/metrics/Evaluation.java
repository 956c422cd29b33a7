package dev.sextant.training.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Metric values by name, and how they were averaged when that matters. */
public record Evaluation(Map<String, Double> metrics, String averaging) {

    public Evaluation {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
