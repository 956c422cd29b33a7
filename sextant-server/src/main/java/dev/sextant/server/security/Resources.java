package dev.sextant.server.security;

import java.util.Optional;

/** Finds the resource a request names when it names it indirectly (a run of an experiment, a name). */
public interface Resources {

    Optional<String> experimentOfRun(String runId);

    Optional<String> experimentIdByName(String name);

    /** Knows nothing: every indirect lookup fails, so only role baselines admit callers. */
    Resources NONE = new Resources() {
        @Override
        public Optional<String> experimentOfRun(String runId) {
            return Optional.empty();
        }

        @Override
        public Optional<String> experimentIdByName(String name) {
            return Optional.empty();
        }
    };
}
