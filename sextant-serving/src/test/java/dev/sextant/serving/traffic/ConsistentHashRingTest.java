package dev.sextant.serving.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsistentHashRingTest {
    private static final int KEYS = 20_000;

    @Test
    void theSameKeyAlwaysLandsOnTheSameMember() {
        ConsistentHashRing ring = ConsistentHashRing.of(weights(50, 50));
        ConsistentHashRing rebuilt = ConsistentHashRing.of(weights(50, 50));
        for (int i = 0; i < 1000; i++) {
            String key = "user-" + i;
            assertThat(ring.owner(key)).isEqualTo(ring.owner(key)).isEqualTo(rebuilt.owner(key));
        }
    }

    @Test
    void sharesFollowTheWeights() {
        Map<String, Integer> counts = count(ConsistentHashRing.of(weights(70, 30)));
        assertThat(counts.get("a") / (double) KEYS).isCloseTo(0.70, within(0.04));
        assertThat(counts.get("b") / (double) KEYS).isCloseTo(0.30, within(0.04));
    }

    @Test
    void aZeroWeightMemberGetsNoKeys() {
        Map<String, Integer> counts = count(ConsistentHashRing.of(weights(100, 0)));
        assertThat(counts).containsOnlyKeys("a");
    }

    @Test
    void changingWeightsMovesOnlyKeysTowardTheGrowingMember() {
        ConsistentHashRing before = ConsistentHashRing.of(weights(90, 10));
        ConsistentHashRing after = ConsistentHashRing.of(weights(80, 20));
        int moved = 0;
        int movedAway = 0;
        for (int i = 0; i < KEYS; i++) {
            String key = "k" + i;
            String was = before.owner(key);
            String is = after.owner(key);
            if (!was.equals(is)) {
                moved++;
                if (was.equals("b")) {
                    movedAway++;
                }
            }
        }
        // About 10 % of keys must move to b; a modulo-style split would reshuffle far more.
        assertThat(moved / (double) KEYS).isBetween(0.05, 0.16);
        assertThat(movedAway / (double) KEYS).isLessThan(0.03);
    }

    private static Map<String, Integer> weights(int a, int b) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put("a", a);
        weights.put("b", b);
        return weights;
    }

    private static Map<String, Integer> count(ConsistentHashRing ring) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < KEYS; i++) {
            counts.merge(ring.owner("customer:" + i), 1, Integer::sum);
        }
        return counts;
    }
}
