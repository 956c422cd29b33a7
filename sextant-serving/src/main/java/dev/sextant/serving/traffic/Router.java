package dev.sextant.serving.traffic;

import dev.sextant.serving.deployment.Deployment;
import dev.sextant.serving.deployment.TrafficPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Picks the slot that answers a request under a deployment's policy as it stands now (for a
 * canary, the share its rollout has reached). Immutable; a rollout step makes a new router.
 */
public abstract sealed class Router {

    /** The route for one request; {@code key} is asked only by sticky A/B policies. */
    public abstract Route route(Supplier<Optional<String>> key);

    /** The A/B policy's sticky key, if it has one. */
    public Optional<TrafficPolicy.StickyKey> stickyKey() {
        return Optional.empty();
    }

    public static Router of(Deployment deployment, Supplier<RandomGenerator> random) {
        return switch (deployment.policy()) {
            case TrafficPolicy.Single single -> new Fixed(TrafficPolicy.PRIMARY);
            case TrafficPolicy.BlueGreen bg -> new Fixed(bg.active());
            case TrafficPolicy.Canary canary -> new Split(deployment.rollout().canaryPercent(), random);
            case TrafficPolicy.AbTest ab -> new Weighted(ab, random);
            case TrafficPolicy.Shadow shadow -> new Mirrored(shadow.percent(), random);
        };
    }

    static final class Fixed extends Router {
        private final Route route;

        Fixed(String slot) {
            this.route = Route.to(slot);
        }

        @Override
        public Route route(Supplier<Optional<String>> key) {
            return route;
        }
    }

    /** Canary: {@code percent} of requests to the canary, drawn per request. */
    static final class Split extends Router {
        private static final Route STABLE = Route.to(TrafficPolicy.STABLE);
        private static final Route CANARY = Route.to(TrafficPolicy.CANARY);
        private final int percent;
        private final Supplier<RandomGenerator> random;

        Split(int percent, Supplier<RandomGenerator> random) {
            this.percent = percent;
            this.random = random;
        }

        @Override
        public Route route(Supplier<Optional<String>> key) {
            if (percent <= 0) {
                return STABLE;
            }
            return percent >= 100 || random.get().nextInt(100) < percent ? CANARY : STABLE;
        }
    }

    /** A/B: sticky by key through the ring when the request has one, else a weighted draw. */
    static final class Weighted extends Router {
        private final ConsistentHashRing ring;
        private final String[] names;
        private final int[] cumulative;
        private final Optional<TrafficPolicy.StickyKey> stickyKey;
        private final Supplier<RandomGenerator> random;

        Weighted(TrafficPolicy.AbTest ab, Supplier<RandomGenerator> random) {
            Map<String, Integer> weights = new LinkedHashMap<>();
            ab.variants().forEach(v -> weights.put(v.name(), v.weight()));
            this.ring = ConsistentHashRing.of(weights);
            this.names = weights.keySet().toArray(String[]::new);
            this.cumulative = new int[names.length];
            int sum = 0;
            for (int i = 0; i < names.length; i++) {
                sum += weights.get(names[i]);
                cumulative[i] = sum;
            }
            this.stickyKey = ab.stickyKey();
            this.random = random;
        }

        @Override
        public Route route(Supplier<Optional<String>> key) {
            if (stickyKey.isPresent()) {
                Optional<String> value = key.get();
                if (value.isPresent()) {
                    return Route.to(ring.owner(value.get()));
                }
            }
            int draw = random.get().nextInt(cumulative[cumulative.length - 1]);
            for (int i = 0; i < names.length; i++) {
                if (draw < cumulative[i]) {
                    return Route.to(names[i]);
                }
            }
            return Route.to(names[names.length - 1]);
        }

        @Override
        public Optional<TrafficPolicy.StickyKey> stickyKey() {
            return stickyKey;
        }
    }

    /** Shadow: the primary answers; {@code percent} of requests are mirrored. */
    static final class Mirrored extends Router {
        private static final Route ALONE = Route.to(TrafficPolicy.PRIMARY);
        private static final Route WITH_SHADOW = new Route(TrafficPolicy.PRIMARY, Optional.of(TrafficPolicy.SHADOW));
        private final int percent;
        private final Supplier<RandomGenerator> random;

        Mirrored(int percent, Supplier<RandomGenerator> random) {
            this.percent = percent;
            this.random = random;
        }

        @Override
        public Route route(Supplier<Optional<String>> key) {
            if (percent <= 0) {
                return ALONE;
            }
            return percent >= 100 || random.get().nextInt(100) < percent ? WITH_SHADOW : ALONE;
        }
    }
}
