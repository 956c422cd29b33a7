package dev.sextant.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.serving.deployment.Batching;
import dev.sextant.serving.deployment.Deployment;
import dev.sextant.serving.deployment.DeploymentSpec;
import dev.sextant.serving.deployment.DeploymentStore;
import dev.sextant.serving.deployment.RolloutStatus;
import dev.sextant.serving.deployment.ServedVersion;
import dev.sextant.serving.deployment.TrafficPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The compatibility kit for {@link DeploymentStore}, run against each database by a subclass. */
public abstract class DeploymentStoreContract {
    private MetadataDatabase database;
    private DeploymentStore store;

    protected abstract MetadataDatabase openDatabase();

    @BeforeEach
    void open() {
        database = openDatabase();
        store = database.deploymentStore();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void storesEveryPartOfEveryPolicyAndReadsItBack() {
        List<TrafficPolicy> policies = List.of(
                new TrafficPolicy.Single("models:/iris@champion"),
                new TrafficPolicy.BlueGreen("models:/iris/1", "models:/iris/2", "green"),
                new TrafficPolicy.Canary("models:/iris/1", "models:/iris/2", 10, List.of(25, 50, 100),
                        Duration.ofSeconds(30), new TrafficPolicy.CanaryAnalysis(0.02, 1.5, 40)),
                new TrafficPolicy.AbTest(List.of(new TrafficPolicy.Variant("a", "models:/iris/1", 70),
                        new TrafficPolicy.Variant("b", "models:/iris/2", 30)),
                        Optional.of(new TrafficPolicy.StickyKey(TrafficPolicy.StickyKey.Source.HEADER, "X-User"))),
                new TrafficPolicy.Shadow("models:/iris/1", "models:/iris/2", 25));
        int i = 0;
        for (TrafficPolicy policy : policies) {
            Deployment deployment = deployment("d" + i++, policy, new Batching(16, Duration.ofMillis(3)));
            assertThat(store.create(deployment)).isTrue();
            assertThat(store.get(deployment.name())).contains(deployment);
        }
        assertThat(store.list()).extracting(Deployment::name).containsExactly("d0", "d1", "d2", "d3", "d4");
    }

    @Test
    void createRefusesATakenName() {
        assertThat(store.create(single("iris", 1))).isTrue();
        assertThat(store.create(single("iris", 2))).isFalse();
        assertThat(store.get("iris").orElseThrow().versions().get("primary").version()).isEqualTo(1);
    }

    @Test
    void updateWinsOnlyFromTheGenerationItRead() {
        Deployment first = single("iris", 1);
        store.create(first);
        Deployment second = next(first, 2);
        assertThat(store.update(second, first.generation())).isTrue();
        Deployment stale = next(first, 3);
        assertThat(store.update(stale, first.generation())).isFalse();
        assertThat(store.get("iris").orElseThrow()).isEqualTo(second);
        assertThat(store.servingVersion("iris", 1)).isEmpty();
        assertThat(store.servingVersion("iris", 2)).containsExactly("iris");
    }

    @Test
    void concurrentUpdatesFromOneGenerationLetExactlyOneWin() throws Exception {
        Deployment first = single("iris", 1);
        store.create(first);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int v = 2; v < 10; v++) {
                Deployment candidate = next(first, v);
                results.add(pool.submit(() -> store.update(candidate, first.generation())));
            }
            int wins = 0;
            for (Future<Boolean> result : results) {
                wins += result.get() ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void servingVersionNamesEveryDeploymentOfAVersionAndForgetsDeletedOnes() {
        store.create(single("a", 1));
        store.create(deployment("b", new TrafficPolicy.Canary("models:/iris/1", "models:/iris/2", 5, List.of(),
                Duration.ofSeconds(60), TrafficPolicy.CanaryAnalysis.DEFAULT), Batching.OFF));
        assertThat(store.servingVersion("iris", 1)).containsExactly("a", "b");
        assertThat(store.servingVersion("iris", 2)).containsExactly("b");
        assertThat(store.servingVersion("other", 1)).isEmpty();
        assertThat(store.delete("b")).isTrue();
        assertThat(store.delete("b")).isFalse();
        assertThat(store.servingVersion("iris", 1)).containsExactly("a");
        assertThat(store.get("b")).isEmpty();
    }

    private static Deployment single(String name, long version) {
        return deployment(name, new TrafficPolicy.Single("models:/iris/" + version), Batching.OFF);
    }

    private static Deployment next(Deployment previous, long version) {
        DeploymentSpec spec = new DeploymentSpec(previous.name(), "v" + version,
                new TrafficPolicy.Single("models:/iris/" + version), Batching.OFF);
        return new Deployment(spec, Map.of("primary", served(version)), previous.rollout().with(
                RolloutStatus.Phase.STEADY, 0, 2000, "", "changed"), previous.generation() + 1, previous.createdAt(), 2000);
    }

    private static Deployment deployment(String name, TrafficPolicy policy, Batching batching) {
        Map<String, ServedVersion> versions = new LinkedHashMap<>();
        policy.slots().forEach((slot, uri) -> versions.put(slot, served(uri.endsWith("2") ? 2 : 1)));
        RolloutStatus rollout = new RolloutStatus(RolloutStatus.Phase.PROGRESSING, 10, 1000, "a reason",
                List.of(new RolloutStatus.Event(1000, "created")));
        return new Deployment(new DeploymentSpec(name, "about " + name, policy, batching), versions, rollout, 1, 1000, 1000);
    }

    private static ServedVersion served(long version) {
        return new ServedVersion("iris", version, "models:/iris/" + version, "sha256:" + "ab".repeat(32));
    }
}
