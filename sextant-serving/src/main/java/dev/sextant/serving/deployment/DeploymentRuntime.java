package dev.sextant.serving.deployment;

import java.util.Map;

/**
 * What runs deployments: it loads and warms a deployment's models before anything depends on
 * them, then switches traffic in one step.
 */
public interface DeploymentRuntime {

    /**
     * Loads and warms what {@code deployment} needs, without taking traffic yet. Failing to load
     * throws, and nothing changes.
     */
    Prepared prepare(Deployment deployment);

    /** Stops serving {@code name}: requests in flight finish, later ones are not found. */
    void remove(String name);

    /** The generation of each deployment being served, by name. */
    Map<String, Long> servedGenerations();

    /** A deployment ready to take traffic. Exactly one of the two methods is called. */
    interface Prepared {
        /** Moves traffic to it; what it replaces is closed once its requests in flight finish. */
        void activate();

        /** Drops it unused. */
        void discard();
    }

    /** Runs nothing: for tools that only manage the stored deployments. */
    DeploymentRuntime NONE = new DeploymentRuntime() {
        @Override
        public Prepared prepare(Deployment deployment) {
            return new Prepared() {
                @Override
                public void activate() {
                }

                @Override
                public void discard() {
                }
            };
        }

        @Override
        public void remove(String name) {
        }

        @Override
        public Map<String, Long> servedGenerations() {
            return Map.of();
        }
    };
}
