package dev.sextant.serving.deployment;

import dev.sextant.api.SextantException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a deployment splits its traffic between the model versions it names. Each variant names its
 * models by slot ({@code primary}, {@code stable}/{@code canary}, {@code blue}/{@code green}, the
 * A/B variant names, {@code shadow}); the model URIs may name a version, a stage or an alias and
 * are resolved to versions when the deployment is created or changed.
 */
public sealed interface TrafficPolicy {

    /** Model URI by slot, in a stable order. */
    Map<String, String> slots();

    /** The policy's wire name: single, canary, blue_green, ab, shadow. */
    String type();

    /** All traffic to one model. */
    record Single(String model) implements TrafficPolicy {
        @Override
        public Map<String, String> slots() {
            return Map.of(PRIMARY, model);
        }

        @Override
        public String type() {
            return "single";
        }
    }

    /**
     * Two models loaded side by side; {@code active} gets all traffic. Switching moves every
     * request at once, and switching back is as instant because both stay warm.
     */
    record BlueGreen(String blue, String green, String active) implements TrafficPolicy {
        public BlueGreen {
            if (!active.equals(BLUE) && !active.equals(GREEN)) {
                throw SextantException.invalid("Blue/green 'active' must be 'blue' or 'green', not '" + active + "'.");
            }
        }

        @Override
        public Map<String, String> slots() {
            Map<String, String> slots = new LinkedHashMap<>();
            slots.put(BLUE, blue);
            slots.put(GREEN, green);
            return slots;
        }

        @Override
        public String type() {
            return "blue_green";
        }

        public BlueGreen switched() {
            return new BlueGreen(blue, green, active.equals(BLUE) ? GREEN : BLUE);
        }
    }

    /**
     * A share of traffic to a candidate. With {@code steps} the share grows on a schedule, one step
     * per {@code stepInterval}, each step gated by the {@code analysis} of the canary against the
     * stable version; a breach rolls the canary back to 0 %.
     */
    record Canary(String stable, String canary, int percent, List<Integer> steps, Duration stepInterval,
                  CanaryAnalysis analysis) implements TrafficPolicy {
        public Canary {
            DeploymentRules.percent("percent", percent);
            steps = List.copyOf(steps);
            int previous = percent;
            for (int step : steps) {
                DeploymentRules.percent("steps", step);
                if (step <= previous) {
                    throw SextantException.invalid("Canary 'steps' must grow above 'percent' (" + percent
                            + ") and each other; got " + steps + ".");
                }
                previous = step;
            }
            if (!steps.isEmpty() && (stepInterval.isZero() || stepInterval.isNegative())) {
                throw SextantException.invalid("Canary steps need a positive 'step_interval_seconds'.");
            }
        }

        @Override
        public Map<String, String> slots() {
            Map<String, String> slots = new LinkedHashMap<>();
            slots.put(STABLE, stable);
            slots.put(CANARY, canary);
            return slots;
        }

        @Override
        public String type() {
            return "canary";
        }
    }

    /**
     * Weighted split between named variants. With a sticky key (a request header or an input
     * field) the same key always reaches the same variant, through consistent hashing, so a change
     * of weights moves as few keys as possible; without one, each request is drawn at random.
     */
    record AbTest(List<Variant> variants, Optional<StickyKey> stickyKey) implements TrafficPolicy {
        public AbTest {
            variants = List.copyOf(variants);
            if (variants.size() < 2) {
                throw SextantException.invalid("An A/B policy needs at least two 'variants'.");
            }
            if (variants.stream().map(Variant::name).distinct().count() != variants.size()) {
                throw SextantException.invalid("A/B variant names must be distinct.");
            }
            if (variants.stream().mapToInt(Variant::weight).sum() <= 0) {
                throw SextantException.invalid("A/B weights must add up to more than 0.");
            }
        }

        @Override
        public Map<String, String> slots() {
            Map<String, String> slots = new LinkedHashMap<>();
            variants.forEach(v -> slots.put(v.name(), v.model()));
            return slots;
        }

        @Override
        public String type() {
            return "ab";
        }
    }

    /**
     * Every request answered by {@code model}; {@code percent} of them also sent to the
     * {@code shadow} model in the background, whose answers are compared and recorded but never
     * returned.
     */
    record Shadow(String model, String shadow, int percent) implements TrafficPolicy {
        public Shadow {
            DeploymentRules.percent("percent", percent);
        }

        @Override
        public Map<String, String> slots() {
            Map<String, String> slots = new LinkedHashMap<>();
            slots.put(PRIMARY, model);
            slots.put(SHADOW, shadow);
            return slots;
        }

        @Override
        public String type() {
            return "shadow";
        }
    }

    /** One A/B variant. */
    record Variant(String name, String model, int weight) {
        public Variant {
            DeploymentRules.slotName(name);
            if (weight < 0) {
                throw SextantException.invalid("A/B variant '" + name + "' has weight " + weight + "; weights are 0 or more.");
            }
        }
    }

    /** Where the A/B sticky key comes from: a request header, or a field of the request's inputs. */
    record StickyKey(Source source, String name) {
        public enum Source { HEADER, INPUT }

        public StickyKey {
            if (name.isBlank()) {
                throw SextantException.invalid("The A/B sticky key needs a header or input name.");
            }
        }
    }

    /**
     * What a canary step must meet: the canary's error rate at most {@code maxErrorRate}, and its
     * p99 latency at most {@code maxP99Ratio} times the stable version's, judged once the canary has
     * seen {@code minRequests} requests in the step.
     */
    record CanaryAnalysis(double maxErrorRate, double maxP99Ratio, int minRequests) {
        public static final CanaryAnalysis DEFAULT = new CanaryAnalysis(0.05, 2.0, 20);

        public CanaryAnalysis {
            if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
                throw SextantException.invalid("'max_error_rate' must be between 0 and 1; got " + maxErrorRate + ".");
            }
            if (!(maxP99Ratio > 0)) {
                throw SextantException.invalid("'max_p99_ratio' must be above 0; got " + maxP99Ratio + ".");
            }
            if (minRequests < 1) {
                throw SextantException.invalid("'min_requests' must be 1 or more; got " + minRequests + ".");
            }
        }
    }

    String PRIMARY = "primary";
    String STABLE = "stable";
    String CANARY = "canary";
    String BLUE = "blue";
    String GREEN = "green";
    String SHADOW = "shadow";
}
