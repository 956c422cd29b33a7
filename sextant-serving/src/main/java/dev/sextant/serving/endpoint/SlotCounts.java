package dev.sextant.serving.endpoint;

import java.util.List;

/**
 * What this server has counted for one slot of a deployment serving one version, since it
 * started: requests by outcome, the latency histogram (cumulative counts at each upper bound, in
 * seconds) and the shadow comparisons. Clients take the difference of two readings for rates and
 * for the latency percentiles of the time between them.
 */
public record SlotCounts(String slot, String version, long ok, long clientErrors, long errors, long latencyCount,
                         double latencySumSeconds, double latencyMaxSeconds, List<Bucket> latencyBuckets,
                         long shadowAgreed, long shadowDisagreed, long shadowFailed, long shadowSkipped) {

    public SlotCounts {
        latencyBuckets = List.copyOf(latencyBuckets);
    }

    /** Requests that took at most {@code upperBoundSeconds}. */
    public record Bucket(double upperBoundSeconds, long count) {
    }
}
