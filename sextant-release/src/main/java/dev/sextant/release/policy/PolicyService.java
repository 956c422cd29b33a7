package dev.sextant.release.policy;

import dev.sextant.api.SextantException;
import dev.sextant.registry.RegistryErrors;
import dev.sextant.registry.RegistryStore;
import java.time.Clock;
import java.util.Optional;

/**
 * Release policies: one per registered model, and a server-wide default for models without
 * their own. A policy is parsed and checked when it is uploaded; a bad one is refused with the
 * line and reason of every problem, and the one in force stays.
 */
public final class PolicyService {
    private final PolicyStore store;
    private final RegistryStore registry;
    private final Clock clock;

    /** {@code registry} is the registry's store, so that the registry's own rules can consult policies. */
    public PolicyService(PolicyStore store, RegistryStore registry, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
    }

    /** Sets the model's policy ({@link StoredPolicy#SERVER_DEFAULT}: the server's default). */
    public StoredPolicy set(String model, String text, String actor) {
        requireModel(model);
        if (text.isBlank()) {
            throw SextantException.invalid("The release policy is empty. Send YAML with 'targets' (see docs/ci-cd.md), "
                    + "or delete the policy instead.");
        }
        PolicyParser.parse(text);
        StoredPolicy stored = new StoredPolicy(model, text, clock.millis(), actor);
        store.put(stored);
        return stored;
    }

    public Optional<StoredPolicy> get(String model) {
        requireModel(model);
        return store.get(model);
    }

    public void delete(String model) {
        requireModel(model);
        if (!store.delete(model)) {
            throw SextantException.notFound(model.isEmpty() ? "No server default release policy is set."
                    : "Registered model '" + model + "' has no release policy of its own.");
        }
    }

    /** The policy in force for the model: its own, else the server default, else none. */
    public ReleasePolicy effective(String model) {
        return store.get(model).or(() -> store.get(StoredPolicy.SERVER_DEFAULT))
                .map(p -> PolicyParser.parse(p.text())).orElse(ReleasePolicy.EMPTY);
    }

    /** Where the policy in force comes from, for reports: {@code own}, {@code server default} or {@code none}. */
    public String effectiveSource(String model) {
        if (store.get(model).isPresent()) {
            return "own";
        }
        return store.get(StoredPolicy.SERVER_DEFAULT).isPresent() ? "server default" : "none";
    }

    private void requireModel(String model) {
        if (!model.isEmpty() && registry.getRegisteredModel(model).isEmpty()) {
            throw RegistryErrors.modelNotFound(model);
        }
    }
}
