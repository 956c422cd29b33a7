package dev.sextant.server;

import dev.sextant.api.artifact.ArtifactStore;
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
import java.util.concurrent.ThreadLocalRandom;

/**
 * Model serving as the server wires it: the ONNX runtime, the deployments stored in the metadata
 * database and served by this process, the canary controller, and the inference log under the
 * data directory ({@code <data-dir>/inference-log}).
 */
public record Serving(DeploymentService deployments, ServingPlane plane, RolloutController rollouts,
                      InferenceLog log, ModelRuntime runtime) implements AutoCloseable {
    /** How often canaries are judged. */
    static final Duration ROLLOUT_TICK = Duration.ofSeconds(1);
    /** Threads per batching model: one per core of the 2-core machines this is sized for. */
    static final int BATCH_WORKERS = 2;

    public static Serving create(DeploymentStore store, RegistryService registry, ArtifactStore artifacts,
                                 MeterRegistry meters, Path dataDir, double logSampleRate, Clock clock) {
        ModelRuntime runtime = ModelRuntime.create(RuntimeOptions.defaults());
        InferenceLog log = InferenceLog.open(InferenceLogOptions.defaults(dataDir.resolve("inference-log"))
                .withSampleRate(logSampleRate), clock, ThreadLocalRandom::current);
        ServingPlane plane = new ServingPlane(new RegistryModelLoader(registry, artifacts, runtime),
                new ServingMetrics(meters), log, clock, ThreadLocalRandom::current, BATCH_WORKERS);
        DeploymentService deployments = new DeploymentService(store, new RegistryResolver(registry), plane, clock);
        RolloutController rollouts = new RolloutController(plane, deployments, clock);
        return new Serving(deployments, plane, rollouts, log, runtime);
    }

    /** Loads every stored deployment and starts judging canaries. */
    public Serving start() {
        deployments.restoreAll();
        rollouts.start(ROLLOUT_TICK);
        return this;
    }

    @Override
    public void close() {
        rollouts.close();
        plane.close();
        log.close();
        runtime.close();
    }
}
