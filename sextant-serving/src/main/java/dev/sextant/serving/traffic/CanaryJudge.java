package dev.sextant.serving.traffic;

import dev.sextant.serving.deployment.TrafficPolicy;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The analysis behind each canary step: compares the canary's window with the stable version's
 * and says whether to roll back (with the reason), advance, or wait.
 */
public final class CanaryJudge {

    /** What to do with a canary now. */
    public sealed interface Verdict {
        record Wait() implements Verdict {
        }

        record Advance(int percent) implements Verdict {
        }

        record RollBack(String reason) implements Verdict {
        }
    }

    private CanaryJudge() {
    }

    /**
     * @param currentPercent the share the canary has now
     * @param stepAge how long the current step has run
     */
    public static Verdict judge(TrafficPolicy.Canary policy, int currentPercent, Duration stepAge,
                                WindowStats.Snapshot stable, WindowStats.Snapshot canary) {
        TrafficPolicy.CanaryAnalysis analysis = policy.analysis();
        if (canary.requests() >= analysis.minRequests()) {
            if (canary.errorRate() > analysis.maxErrorRate()) {
                return new Verdict.RollBack(String.format(Locale.ROOT,
                        "canary error rate %.3f (%d of %d requests) is above max_error_rate %.3f",
                        canary.errorRate(), canary.errors(), canary.requests(), analysis.maxErrorRate()));
            }
            if (stable.requests() >= analysis.minRequests() && stable.p99Nanos() > 0
                    && canary.p99Nanos() > analysis.maxP99Ratio() * stable.p99Nanos()) {
                return new Verdict.RollBack(String.format(Locale.ROOT,
                        "canary p99 latency %.2f ms is more than %.2f x the stable p99 %.2f ms",
                        canary.p99Nanos() / 1e6, analysis.maxP99Ratio(), stable.p99Nanos() / 1e6));
            }
        }
        Optional<Integer> next = policy.steps().stream().filter(step -> step > currentPercent).findFirst();
        if (next.isEmpty() || stepAge.compareTo(policy.stepInterval()) < 0) {
            return new Verdict.Wait();
        }
        if (canary.requests() < analysis.minRequests()) {
            // Not enough evidence yet: a step is earned by traffic that passed the analysis.
            return new Verdict.Wait();
        }
        return new Verdict.Advance(next.get());
    }
}
