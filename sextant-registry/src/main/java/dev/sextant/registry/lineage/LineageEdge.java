package dev.sextant.registry.lineage;

/**
 * A directed edge: {@code trained} (dataset version → run; {@code context} is the input's
 * {@code mlflow.data.context}, e.g. "training", or ""), {@code produced} (run → model version),
 * {@code serves} (model version → deployment), {@code evaluated-on} (dataset version → model
 * version it was evaluated on).
 */
public record LineageEdge(String from, String to, String relation, String context) {
    public static final String TRAINED = "trained";
    public static final String PRODUCED = "produced";
    public static final String SERVES = "serves";
    public static final String EVALUATED_ON = "evaluated-on";
}
