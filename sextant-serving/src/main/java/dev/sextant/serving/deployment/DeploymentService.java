package dev.sextant.serving.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, changes and removes deployments. A change is stored only after the runtime has loaded
 * and warmed every model it needs, and traffic moves only after it is stored, so a failed change
 * leaves the running deployment as it was and a successful one never drops a request. Changes are
 * made one at a time. A stored change is not read back before traffic has moved with it: a
 * caller that sees a canary rolled back (or a deployment switched) never reaches the old routing.
 */
public final class DeploymentService {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentService.class);

    private final DeploymentStore store;
    private final ModelResolver resolver;
    private final DeploymentRuntime runtime;
    private final Clock clock;
    private final Object changes = new Object();
    /** Held for writing from a change's store write until its traffic has moved; reads wait for that. */
    private final ReentrantReadWriteLock published = new ReentrantReadWriteLock();

    public DeploymentService(DeploymentStore store, ModelResolver resolver, DeploymentRuntime runtime, Clock clock) {
        this.store = store;
        this.resolver = resolver;
        this.runtime = runtime;
        this.clock = clock;
    }

    public Deployment create(DeploymentSpec spec) {
        synchronized (changes) {
            if (store.get(spec.name()).isPresent()) {
                throw exists(spec.name());
            }
            long now = clock.millis();
            Deployment deployment = new Deployment(spec, resolve(spec), initialRollout(spec.policy(), now, "created"), 1,
                    now, now);
            return commit(deployment, () -> store.create(deployment) ? Optional.empty() : Optional.of(exists(spec.name())));
        }
    }

    /** Creates the deployment, or replaces the spec of an existing one ({@code sextant apply}). */
    public Deployment apply(DeploymentSpec spec) {
        synchronized (changes) {
            return store.get(spec.name()).isPresent() ? replace(spec) : create(spec);
        }
    }

    /** Replaces the spec of an existing deployment; its models are re-resolved. */
    public Deployment replace(DeploymentSpec spec) {
        synchronized (changes) {
            Deployment existing = get(spec.name());
            long now = clock.millis();
            RolloutStatus rollout = existing.rollout().with(initialRollout(spec.policy(), now, "").phase(),
                    initialPercent(spec.policy()), now, "", "spec changed: " + describe(spec.policy()));
            Deployment next = new Deployment(spec, resolve(spec), rollout, existing.generation() + 1,
                    existing.createdAt(), now);
            return commit(next, () -> updated(next, existing.generation()));
        }
    }

    /** Applies a JSON merge patch (RFC 7396) to the deployment's spec, e.g. {"policy": {"percent": 25}}. */
    public Deployment patch(String name, JsonNode patch) {
        synchronized (changes) {
            Deployment existing = get(name);
            if (!patch.isObject()) {
                throw SextantException.invalid("A deployment patch must be a JSON object (a merge patch of the spec).");
            }
            ObjectNode merged = SpecJson.write(existing.spec());
            MergePatch.apply(merged, patch);
            return replace(SpecJson.read(merged, Optional.of(name)));
        }
    }

    public Deployment get(String name) {
        DeploymentRules.name(name);
        return read(() -> store.get(name)).orElseThrow(() -> notFound(name));
    }

    public List<Deployment> list() {
        return read(store::list);
    }

    public void delete(String name) {
        synchronized (changes) {
            get(name);
            Lock publishing = published.writeLock();
            publishing.lock();
            try {
                if (!store.delete(name)) {
                    throw notFound(name);
                }
                runtime.remove(name);
            } finally {
                publishing.unlock();
            }
        }
    }

    /** Blue/green: every request to the other color at once; call again to switch back. */
    public Deployment switchColor(String name) {
        synchronized (changes) {
            Deployment existing = get(name);
            if (!(existing.policy() instanceof TrafficPolicy.BlueGreen bg)) {
                throw SextantException.invalid("Deployment '" + name + "' has a " + existing.policy().type()
                        + " policy; only blue_green deployments switch.");
            }
            TrafficPolicy.BlueGreen switched = bg.switched();
            long now = clock.millis();
            DeploymentSpec spec = new DeploymentSpec(name, existing.spec().description(), switched, existing.spec().batching());
            Deployment next = new Deployment(spec, existing.versions(), existing.rollout().with(RolloutStatus.Phase.STEADY,
                    0, now, "", "switched to " + switched.active()), existing.generation() + 1, existing.createdAt(), now);
            return commit(next, () -> updated(next, existing.generation()));
        }
    }

    /** Canary: send the canary's share back to 0 %, recording why. */
    public Deployment rollback(String name, String reason) {
        return moveCanary(name, BasedOn.expecting(-1), RolloutStatus.Phase.ROLLED_BACK, 0, reason,
                "rolled back: " + reason);
    }

    /** Canary: all traffic to the canary now, skipping the remaining steps. */
    public Deployment promote(String name) {
        return moveCanary(name, BasedOn.expecting(-1), RolloutStatus.Phase.PROMOTED, 100, "", "promoted to 100%");
    }

    /**
     * A rollout decision of the canary controller, applied only if the deployment is still at
     * {@code generation} (a user's change in between wins).
     */
    public Optional<Deployment> decide(String name, long generation, RolloutStatus.Phase phase, int percent,
                                       String reason, String message) {
        try {
            return Optional.of(moveCanary(name, BasedOn.expecting(generation), phase, percent, reason, message));
        } catch (SextantException e) {
            LOG.info("Rollout decision for deployment '{}' not applied: {}", name, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Brings the runtime in line with the store: deployments changed or created by another server
     * sharing the database are loaded (warmed before traffic moves, as for a local change), and
     * deleted ones stop. Returns how many deployments changed.
     */
    public int reconcile() {
        int changed = 0;
        synchronized (changes) {
            Map<String, Long> served = new LinkedHashMap<>(runtime.servedGenerations());
            for (Deployment deployment : store.list()) {
                Long generation = served.remove(deployment.name());
                if (generation == null || generation != deployment.generation()) {
                    try {
                        runtime.prepare(deployment).activate();
                        changed++;
                    } catch (RuntimeException e) {
                        LOG.error("Deployment '{}' generation {} could not be loaded: {}", deployment.name(),
                                deployment.generation(), e.getMessage(), e);
                    }
                }
            }
            for (String gone : served.keySet()) {
                runtime.remove(gone);
                changed++;
            }
        }
        return changed;
    }

    /** Loads every stored deployment into the runtime, e.g. when the server starts. */
    public int restoreAll() {
        int restored = 0;
        synchronized (changes) {
            for (Deployment deployment : store.list()) {
                try {
                    runtime.prepare(deployment).activate();
                    restored++;
                } catch (RuntimeException e) {
                    LOG.error("Deployment '{}' could not be loaded: {}", deployment.name(), e.getMessage(), e);
                }
            }
        }
        return restored;
    }

    private Deployment moveCanary(String name, BasedOn expected, RolloutStatus.Phase phase, int percent,
                                  String reason, String message) {
        synchronized (changes) {
            Deployment existing = get(name);
            if (!(existing.policy() instanceof TrafficPolicy.Canary)) {
                throw SextantException.invalid("Deployment '" + name + "' has a " + existing.policy().type()
                        + " policy; only canary deployments are promoted or rolled back.");
            }
            if (expected.generation() >= 0 && existing.generation() != expected.generation()) {
                throw new SextantException(ErrorCode.RESOURCE_CONFLICT, "Deployment '" + name + "' changed meanwhile.");
            }
            long now = clock.millis();
            Deployment next = existing.withRollout(existing.rollout().with(phase, percent, now, reason, message), now);
            return commit(next, () -> updated(next, existing.generation()));
        }
    }

    /** Load and warm, store, then move traffic; the runtime is left as it was when any step fails. */
    private Deployment commit(Deployment deployment, StoreWrite write) {
        DeploymentRuntime.Prepared prepared = runtime.prepare(deployment);
        Lock publishing = published.writeLock();
        publishing.lock();
        try {
            Optional<SextantException> refused;
            try {
                refused = write.run();
            } catch (RuntimeException e) {
                prepared.discard();
                throw e;
            }
            if (refused.isPresent()) {
                prepared.discard();
                throw refused.get();
            }
            prepared.activate();
        } finally {
            publishing.unlock();
        }
        LOG.info("Deployment '{}' generation {}: {} {}", deployment.name(), deployment.generation(),
                describe(deployment.policy()), deployment.versions().values().stream().map(ServedVersion::uri).toList());
        return deployment;
    }

    private Optional<SextantException> updated(Deployment next, long expectedGeneration) {
        return store.update(next, expectedGeneration) ? Optional.empty()
                : Optional.of(new SextantException(ErrorCode.RESOURCE_CONFLICT, "Deployment '" + next.name()
                + "' was changed by another request meanwhile; read it again and retry."));
    }

    /** A read of the store that waits for a change being published to have moved its traffic. */
    private <T> T read(Supplier<T> query) {
        Lock reading = published.readLock();
        reading.lock();
        try {
            return query.get();
        } finally {
            reading.unlock();
        }
    }

    private Map<String, ServedVersion> resolve(DeploymentSpec spec) {
        Map<String, ServedVersion> versions = new LinkedHashMap<>();
        spec.policy().slots().forEach((slot, uri) -> {
            try {
                versions.put(slot, resolver.resolve(uri));
            } catch (SextantException e) {
                throw new SextantException(e.code(), "Deployment '" + spec.name() + "', " + slot + " model '" + uri
                        + "': " + e.getMessage(), e);
            }
        });
        return versions;
    }

    static RolloutStatus initialRollout(TrafficPolicy policy, long now, String message) {
        String text = message.isEmpty() ? describe(policy) : message + ": " + describe(policy);
        if (policy instanceof TrafficPolicy.Canary canary) {
            RolloutStatus.Phase phase = canary.steps().isEmpty() ? RolloutStatus.Phase.STEADY : RolloutStatus.Phase.PROGRESSING;
            return new RolloutStatus(phase, canary.percent(), now, "", List.of(new RolloutStatus.Event(now, text)));
        }
        return RolloutStatus.steady(now, text);
    }

    private static int initialPercent(TrafficPolicy policy) {
        return policy instanceof TrafficPolicy.Canary canary ? canary.percent() : 0;
    }

    static String describe(TrafficPolicy policy) {
        return switch (policy) {
            case TrafficPolicy.Single s -> "single " + s.model();
            case TrafficPolicy.BlueGreen bg -> "blue/green, active " + bg.active();
            case TrafficPolicy.Canary c -> "canary " + c.percent() + "%" + (c.steps().isEmpty() ? "" : " steps " + c.steps());
            case TrafficPolicy.AbTest ab -> "A/B " + ab.variants().stream().map(v -> v.name() + "=" + v.weight()).toList();
            case TrafficPolicy.Shadow sh -> "shadow " + sh.percent() + "% to " + sh.shadow();
        };
    }

    private static SextantException exists(String name) {
        return SextantException.alreadyExists("Deployment '" + name + "' already exists. Change it with "
                + "PUT/PATCH /api/v1/deployments/" + name + " or 'sextant deployments update'.");
    }

    private static SextantException notFound(String name) {
        return SextantException.notFound("Deployment '" + name + "' does not exist. List deployments with "
                + "GET /api/v1/deployments or 'sextant deployments list'.");
    }

    @FunctionalInterface
    private interface StoreWrite {
        Optional<SextantException> run();
    }

    /** The generation a decision was based on, or -1 for a user's action that applies to whatever is current. */
    private record BasedOn(long generation) {
        static BasedOn expecting(long generation) {
            return new BasedOn(generation);
        }
    }
}
