package dev.sextant.server.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.server.http.Json;
import dev.sextant.serving.deployment.Deployment;
import dev.sextant.serving.deployment.DeploymentRuntime;
import dev.sextant.serving.deployment.DeploymentService;
import dev.sextant.serving.deployment.RolloutStatus;
import dev.sextant.serving.deployment.ServedVersion;
import dev.sextant.serving.deployment.SpecJson;
import dev.sextant.store.jdbc.MetadataDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployment change read back through the service has already moved traffic: whoever reads a
 * canary as rolled back is never routed by the old policy after that (the stored deployments are
 * real, in H2; the runtime records the generation it serves and can be held mid-switch).
 */
class DeploymentPublishingTest {
    @TempDir
    Path dir;

    /** Serves nothing, but records which generation would take traffic; activation can be held. */
    private static final class HeldRuntime implements DeploymentRuntime {
        final Map<String, Long> served = new ConcurrentHashMap<>();
        final CountDownLatch switching = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean hold;

        @Override
        public Prepared prepare(Deployment deployment) {
            return new Prepared() {
                @Override
                public void activate() {
                    if (hold) {
                        switching.countDown();
                        await(release);
                    }
                    served.put(deployment.name(), deployment.generation());
                }

                @Override
                public void discard() {
                }
            };
        }

        @Override
        public void remove(String name) {
            served.remove(name);
        }

        @Override
        public Map<String, Long> servedGenerations() {
            return Map.copyOf(served);
        }
    }

    @Test
    void aRollbackReadsAsRolledBackOnlyOnceTrafficHasMoved() throws Exception {
        // a thread each: the rollback blocks its thread while held, and the read must run beside it
        try (MetadataDatabase database = MetadataDatabase.open(MetadataDatabase.embeddedUrl(dir), "", "");
             ExecutorService threads = Executors.newFixedThreadPool(2)) {
            HeldRuntime runtime = new HeldRuntime();
            DeploymentService deployments = new DeploymentService(database.deploymentStore(),
                    uri -> new ServedVersion("iris", uri.endsWith("/2") ? 2 : 1, uri, "sha256:" + uri.hashCode()),
                    runtime, Clock.systemUTC());
            deployments.create(SpecJson.read(Json.READER.readTree("{\"name\": \"guarded\", \"policy\": {\"type\": "
                    + "\"canary\", \"stable\": \"models:/iris/1\", \"canary\": \"models:/iris/2\", \"percent\": 30,"
                    + " \"steps\": [60, 100], \"step_interval_seconds\": 3600}}"), Optional.empty()));
            long before = runtime.served.get("guarded");

            runtime.hold = true;
            Future<Deployment> rollback = threads.submit(() -> deployments.rollback("guarded", "error rate"));
            assertThat(runtime.switching.await(10, TimeUnit.SECONDS)).isTrue();
            // stored already, traffic not moved yet: a reader waits rather than see the new state early
            Future<Deployment> read = threads.submit(() -> deployments.get("guarded"));
            Thread.sleep(300);
            assertThat(read.isDone()).as("read while the rollback was stored but traffic had not moved").isFalse();
            assertThat(runtime.served.get("guarded")).isEqualTo(before);

            runtime.release.countDown();
            Deployment seen = read.get(10, TimeUnit.SECONDS);
            assertThat(seen.rollout().phase()).isEqualTo(RolloutStatus.Phase.ROLLED_BACK);
            assertThat(runtime.served.get("guarded")).isEqualTo(seen.generation()).isGreaterThan(before);
            assertThat(rollback.get(10, TimeUnit.SECONDS).generation()).isEqualTo(seen.generation());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("activation was held for more than 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
