package dev.sextant.serving.endpoint;

import dev.sextant.serving.deployment.Deployment;
import dev.sextant.serving.deployment.ServedVersion;
import dev.sextant.serving.traffic.Router;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deployment taking traffic: its loaded models by slot and the router of its current policy.
 * Requests hold a lease while they run; once retired (replaced or removed) it takes no new leases
 * and closes its models when the last lease is returned, so no request sees a model closed under it.
 */
final class LiveDeployment {
    private final Map<String, LiveModel> models;
    /** Leases × 2, plus 1 once retired. */
    private final AtomicInteger state = new AtomicInteger();
    private volatile Deployment deployment;
    private volatile Router router;

    LiveDeployment(Deployment deployment, Map<String, LiveModel> models, Router router) {
        this.deployment = deployment;
        this.models = Map.copyOf(models);
        this.router = router;
    }

    Deployment deployment() {
        return deployment;
    }

    Router router() {
        return router;
    }

    LiveModel model(String slot) {
        return models.get(slot);
    }

    Map<String, LiveModel> models() {
        return models;
    }

    /** The slot serving registered version {@code version}, when one does. */
    Optional<LiveModel> serving(long version) {
        return models.values().stream().filter(m -> m.version.version() == version).findFirst();
    }

    /** Same loaded versions and batching: a policy or rollout change needs no reload. */
    boolean sameModels(Deployment other) {
        Map<String, ServedVersion> mine = deployment.versions();
        return mine.equals(other.versions()) && deployment.spec().batching().equals(other.spec().batching());
    }

    /** Takes the new policy state at once; windows restart when the canary's share changes. */
    void reroute(Deployment next, Router nextRouter) {
        boolean shareChanged = next.rollout().canaryPercent() != deployment.rollout().canaryPercent()
                || !next.policy().equals(deployment.policy());
        this.deployment = next;
        this.router = nextRouter;
        if (shareChanged) {
            models.values().forEach(m -> m.window.snapshotAndReset(true));
        }
    }

    boolean tryAcquire() {
        while (true) {
            int current = state.get();
            if ((current & 1) != 0) {
                return false;
            }
            if (state.compareAndSet(current, current + 2)) {
                return true;
            }
        }
    }

    void release() {
        if (state.addAndGet(-2) == 1) {
            closeModels();
        }
    }

    /** No new leases; the models close when the last running request is done. */
    void retire() {
        int before = state.getAndUpdate(v -> v | 1);
        if (before == 0) {
            closeModels();
        }
    }

    private void closeModels() {
        models.values().forEach(LiveModel::close);
    }
}
