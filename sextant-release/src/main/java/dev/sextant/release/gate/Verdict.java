package dev.sextant.release.gate;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The outcome of a gate: every check of the target's policy with what was observed and expected.
 * It never stops at the first failure, so one verdict says everything that stands in the way.
 */
public sealed interface Verdict {

    Facts facts();

    List<CheckResult> checks();

    default boolean passed() {
        return this instanceof Passed;
    }

    default List<CheckResult> failures() {
        return checks().stream().filter(c -> !c.passed()).toList();
    }

    /**
     * @param replaces the version holding the target when the verdict was made
     * @param policy where the policy came from: {@code own}, {@code server default} or {@code none}
     */
    record Facts(String id, String model, long version, String target, OptionalLong replaces,
                 Optional<String> evaluationId, String policy, long createdAt, String createdBy) {
    }

    record Passed(Facts facts, List<CheckResult> checks) implements Verdict {
        public Passed {
            checks = List.copyOf(checks);
        }
    }

    record Failed(Facts facts, List<CheckResult> checks) implements Verdict {
        public Failed {
            checks = List.copyOf(checks);
            if (checks.stream().allMatch(CheckResult::passed)) {
                throw new IllegalArgumentException("a failed verdict needs a failed check");
            }
        }
    }

    /** Passed when every check passed (also when there are none), failed otherwise. */
    static Verdict of(Facts facts, List<CheckResult> checks) {
        return checks.stream().allMatch(CheckResult::passed) ? new Passed(facts, checks) : new Failed(facts, checks);
    }
}
