package dev.sextant.serving.endpoint;

import dev.sextant.serving.deployment.Deployment;
import dev.sextant.serving.deployment.DeploymentService;
import dev.sextant.serving.deployment.RolloutStatus;
import dev.sextant.serving.deployment.TrafficPolicy;
import dev.sextant.serving.traffic.CanaryJudge;
import dev.sextant.serving.traffic.WindowStats;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves canaries through their steps: on every tick, each progressing canary is judged against
 * its stable version on the traffic of the current step, then advanced, rolled back (the reason
 * is recorded in the deployment's rollout status) or left to gather traffic. Time comes from the
 * injected clock, so tests drive steps by ticking.
 */
public final class RolloutController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);

    private final ServingPlane plane;
    private final DeploymentService deployments;
    private final Clock clock;
    private Optional<ScheduledExecutorService> scheduler = Optional.empty();

    public RolloutController(ServingPlane plane, DeploymentService deployments, Clock clock) {
        this.plane = plane;
        this.deployments = deployments;
        this.clock = clock;
    }

    /** Ticks every {@code period} on a background thread until closed. */
    public RolloutController start(Duration period) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("rollout-controller").factory());
        executor.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.error("Rollout tick failed", e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = Optional.of(executor);
        return this;
    }

    /** Judges every progressing canary once. */
    public void tick() {
        for (String name : plane.names()) {
            Optional<Deployment> served = plane.served(name);
            if (served.isEmpty() || !(served.get().policy() instanceof TrafficPolicy.Canary canary)
                    || served.get().rollout().phase() != RolloutStatus.Phase.PROGRESSING) {
                continue;
            }
            Optional<Map<String, LiveModel>> slots = plane.slots(name);
            if (slots.isEmpty()) {
                continue;
            }
            Deployment deployment = served.get();
            WindowStats.Snapshot stable = slots.get().get(TrafficPolicy.STABLE).window.snapshot();
            WindowStats.Snapshot candidate = slots.get().get(TrafficPolicy.CANARY).window.snapshot();
            Duration age = Duration.ofMillis(clock.millis() - deployment.rollout().stepStartedAt());
            switch (CanaryJudge.judge(canary, deployment.rollout().canaryPercent(), age, stable, candidate)) {
                case CanaryJudge.Verdict.Wait wait -> {
                }
                case CanaryJudge.Verdict.RollBack back -> {
                    LOG.warn("Rolling back canary of deployment '{}': {}", name, back.reason());
                    deployments.decide(name, deployment.generation(), RolloutStatus.Phase.ROLLED_BACK, 0,
                            back.reason(), "rolled back automatically: " + back.reason());
                }
                case CanaryJudge.Verdict.Advance advance -> {
                    RolloutStatus.Phase phase = advance.percent() >= 100 ? RolloutStatus.Phase.PROMOTED
                            : RolloutStatus.Phase.PROGRESSING;
                    LOG.info("Canary of deployment '{}' passed its step: {}% → {}%", name,
                            deployment.rollout().canaryPercent(), advance.percent());
                    deployments.decide(name, deployment.generation(), phase, advance.percent(), "",
                            String.format("step passed (canary %d requests, %.3f errors; stable %d requests): %d%% → %d%%",
                                    candidate.requests(), candidate.errorRate(), stable.requests(),
                                    deployment.rollout().canaryPercent(), advance.percent()));
                }
            }
        }
    }

    @Override
    public void close() {
        scheduler.ifPresent(ScheduledExecutorService::shutdownNow);
    }
}
