package dev.sextant.serving.deployment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A deployment as stored: the spec, the version each slot resolved to, the rollout status, and a
 * generation that grows with every change (so a change based on an old read is refused).
 */
public record Deployment(DeploymentSpec spec, Map<String, ServedVersion> versions, RolloutStatus rollout,
                         long generation, long createdAt, long updatedAt) {

    public Deployment {
        versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    }

    public String name() {
        return spec.name();
    }

    public TrafficPolicy policy() {
        return spec.policy();
    }

    /** The endpoint the deployment answers on. */
    public String endpoint() {
        return "/v2/models/" + name();
    }

    public Deployment withRollout(RolloutStatus status, long now) {
        return new Deployment(spec, versions, status, generation + 1, createdAt, now);
    }
}
