package dev.sextant.serving.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sextant.serving.deployment.Batching;
import dev.sextant.serving.deployment.Deployment;
import dev.sextant.serving.deployment.DeploymentSpec;
import dev.sextant.serving.deployment.RolloutStatus;
import dev.sextant.serving.deployment.TrafficPolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static final int REQUESTS = 20_000;

    @Test
    void canarySendsItsCurrentShareNotTheSpecsStartingOne() {
        TrafficPolicy canary = new TrafficPolicy.Canary("models:/m/1", "models:/m/2", 10, List.of(50), Duration.ofMinutes(1),
                TrafficPolicy.CanaryAnalysis.DEFAULT);
        Router router = Router.of(deployment(canary, 30), seeded());
        Map<String, Integer> counts = count(router, Optional::empty);
        assertThat(counts.get("canary") / (double) REQUESTS).isCloseTo(0.30, within(0.02));
        assertThat(count(Router.of(deployment(canary, 0), seeded()), Optional::empty)).containsOnlyKeys("stable");
        assertThat(count(Router.of(deployment(canary, 100), seeded()), Optional::empty)).containsOnlyKeys("canary");
    }

    @Test
    void blueGreenSendsEverythingToTheActiveColor() {
        TrafficPolicy.BlueGreen bg = new TrafficPolicy.BlueGreen("models:/m/1", "models:/m/2", "blue");
        assertThat(count(Router.of(deployment(bg, 0), seeded()), Optional::empty)).containsOnlyKeys("blue");
        assertThat(count(Router.of(deployment(bg.switched(), 0), seeded()), Optional::empty)).containsOnlyKeys("green");
    }

    @Test
    void abIsStickyByKeyAndWeightedWithout() {
        TrafficPolicy.AbTest ab = new TrafficPolicy.AbTest(List.of(new TrafficPolicy.Variant("a", "models:/m/1", 3),
                new TrafficPolicy.Variant("b", "models:/m/2", 1)),
                Optional.of(new TrafficPolicy.StickyKey(TrafficPolicy.StickyKey.Source.HEADER, "X-User")));
        Router router = Router.of(deployment(ab, 0), seeded());
        for (int i = 0; i < 200; i++) {
            String user = "user-" + i;
            String first = router.route(() -> Optional.of(user)).slot();
            for (int again = 0; again < 5; again++) {
                assertThat(router.route(() -> Optional.of(user)).slot()).isEqualTo(first);
            }
        }
        Map<String, Integer> keyless = count(router, Optional::empty);
        assertThat(keyless.get("a") / (double) REQUESTS).isCloseTo(0.75, within(0.02));
    }

    @Test
    void shadowMirrorsItsPercentageAndAlwaysAnswersFromThePrimary() {
        Router router = Router.of(deployment(new TrafficPolicy.Shadow("models:/m/1", "models:/m/2", 20), 0), seeded());
        int mirrored = 0;
        for (int i = 0; i < REQUESTS; i++) {
            Route route = router.route(Optional::empty);
            assertThat(route.slot()).isEqualTo("primary");
            mirrored += route.mirror().isPresent() ? 1 : 0;
        }
        assertThat(mirrored / (double) REQUESTS).isCloseTo(0.20, within(0.02));
    }

    private static java.util.function.Supplier<java.util.random.RandomGenerator> seeded() {
        SplittableRandom random = new SplittableRandom(42);
        return () -> random;
    }

    private static Map<String, Integer> count(Router router, java.util.function.Supplier<Optional<String>> key) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            counts.merge(router.route(key).slot(), 1, Integer::sum);
        }
        return counts;
    }

    private static Deployment deployment(TrafficPolicy policy, int canaryPercent) {
        RolloutStatus rollout = new RolloutStatus(RolloutStatus.Phase.PROGRESSING, canaryPercent, 0, "", List.of());
        return new Deployment(new DeploymentSpec("d", "", policy, Batching.OFF), Map.of(), rollout, 1, 0, 0);
    }
}
