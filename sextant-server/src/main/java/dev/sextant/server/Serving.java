package dev.sextant.server;

import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.RegistryService;
import dev.sextant.serving.deployment.DeploymentService;
import dev.sextant.serving.deployment.DeploymentStore;
import dev.sextant.serving.deployment.RegistryResolver;
import dev.sextant.serving.endpoint.RegistryModelLoader;
import dev.sextant.serving.endpoint.RolloutController;
import dev.sextant.serving.endpoint.ServingMetrics;
import dev.sextant.serving.endpoint.ServingPlane;
import dev.sextant.serving.inferencelog.InferenceLog;
import dev.sextant.serving.inferencelog.InferenceLogOptions;
import dev.sextant.serving.runtime.ModelRuntime;
import dev.sextant.serving.runtime.RuntimeOptions;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model serving as the server wires it: the ONNX runtime, the deployments stored in the metadata
 * database and served by this process, the canary controller, and the inference log under the
 * data directory ({@code <data-dir>/inference-log}).
 */
public record Serving(DeploymentService deployments, ServingPlane plane, RolloutController rollouts,
                      InferenceLog log, ModelRuntime runtime, ScheduledExecutorService sync) implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Serving.class);

    /** How often canaries are judged. */
    static final Duration ROLLOUT_TICK = Duration.ofSeconds(1);
    /** How often the store is checked for changes made by other servers sharing it. */
    static final Duration SYNC_PERIOD = Duration.ofSeconds(5);

    /** {@code loadCheck} runs before a version is loaded and refuses it by throwing (signature verification). */
    public static Serving create(DeploymentStore store, RegistryService registry, ArtifactStore artifacts,
                                 Consumer<ModelVersion> loadCheck, MeterRegistry meters, Path dataDir,
                                 double logSampleRate, int concurrentModelCalls, Clock clock) {
        ModelRuntime runtime = ModelRuntime.create(RuntimeOptions.defaults().withConcurrentCalls(concurrentModelCalls));
        InferenceLog log = InferenceLog.open(InferenceLogOptions.defaults(dataDir.resolve("inference-log"))
                .withSampleRate(logSampleRate), clock, ThreadLocalRandom::current);
        ServingPlane plane = new ServingPlane(new RegistryModelLoader(registry, artifacts, runtime, loadCheck),
                new ServingMetrics(meters), log, clock, ThreadLocalRandom::current);
        DeploymentService deployments = new DeploymentService(store, new RegistryResolver(registry), plane, clock);
        RolloutController rollouts = new RolloutController(plane, deployments, clock);
        ScheduledExecutorService sync = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("deployment-sync").factory());
        return new Serving(deployments, plane, rollouts, log, runtime, sync);
    }

    /**
     * Loads every stored deployment, starts judging canaries and follows changes other servers
     * make to the shared store.
     */
    public Serving start() {
        deployments.restoreAll();
        rollouts.start(ROLLOUT_TICK);
        sync.scheduleWithFixedDelay(() -> {
            try {
                deployments.reconcile();
            } catch (RuntimeException e) {
                LOG.warn("Checking the store for deployment changes failed: {}", e.getMessage());
            }
        }, SYNC_PERIOD.toMillis(), SYNC_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void close() {
        sync.shutdownNow();
        rollouts.close();
        plane.close();
        log.close();
        runtime.close();
    }
}
