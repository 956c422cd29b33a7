package dev.sextant.tracking;

/** One metric point: a value at a timestamp (epoch ms) and a training step. */
public record Metric(String key, double value, long timestamp, long step) {

    /**
     * MLflow's rule for the value a run reports for a key: the highest step, then the latest
     * timestamp, then the largest value.
     */
    public boolean supersedes(Metric other) {
        if (step != other.step) {
            return step > other.step;
        }
        if (timestamp != other.timestamp) {
            return timestamp > other.timestamp;
        }
        return Double.compare(value, other.value) > 0;
    }
}
