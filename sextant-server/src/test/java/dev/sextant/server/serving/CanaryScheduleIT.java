package dev.sextant.server.serving;

import dev.sextant.serving.runtime.FailingOnnxModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.SextantException;
import dev.sextant.registry.NewVersionRequest;
import dev.sextant.serving.deployment.Deployment;
import dev.sextant.serving.deployment.RolloutStatus;
import dev.sextant.serving.deployment.SpecJson;
import dev.sextant.serving.endpoint.InferenceCall;
import dev.sextant.serving.endpoint.InferenceResult;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.Tensor;
import dev.sextant.server.ModelPackages;
import dev.sextant.server.Registry;
import dev.sextant.server.Serving;
import dev.sextant.store.artifact.LocalArtifactStore;
import dev.sextant.store.jdbc.MetadataDatabase;
import dev.sextant.tracking.NewRun;
import dev.sextant.tracking.TrackingService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary steps on a schedule, driven by an injected clock: the serving stack as the server wires
 * it (H2 store, registry, runtime, plane, controller), ticked by hand. A healthy canary earns each
 * step once its interval has passed; one that fails is rolled back with the reason recorded.
 */
class CanaryScheduleIT {
    @TempDir
    Path dir;
    MovableClock clock;
    MetadataDatabase database;
    Serving serving;
    String v1;
    String v2;
    String broken;

    @BeforeEach
    void wire() {
        clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
        database = MetadataDatabase.open(MetadataDatabase.embeddedUrl(dir), "", "");
        TrackingService tracking = new TrackingService(database.trackingStore(), clock, new SecureRandom(), "mlflow-artifacts:");
        LocalArtifactStore artifacts = new LocalArtifactStore(dir.resolve("artifacts"));
        Registry registry = Registry.create(database, tracking, artifacts, clock);
        registry.service().createRegisteredModel("iris", "", List.of());
        String experiment = tracking.createExperiment("canary", "", List.of());
        v1 = register(tracking, artifacts, registry, experiment, ModelPackages.sharedModel("logreg_iris.onnx"), true);
        v2 = register(tracking, artifacts, registry, experiment, ModelPackages.sharedModel("logreg_iris.onnx"), false);
        broken = register(tracking, artifacts, registry, experiment, FailingOnnxModel.bytes(), false);
        serving = Serving.create(database.deploymentStore(), registry.service(), artifacts, version -> { },
                new SimpleMeterRegistry(), dir, 0, 0, clock);
    }

    @AfterEach
    void close() {
        serving.close();
        database.close();
    }

    @Test
    void aHealthyCanaryEarnsEachStepOnlyWhenItsIntervalHasPassed() throws Exception {
        deploy("{\"name\": \"c\", \"policy\": {\"type\": \"canary\", \"stable\": \"" + v1 + "\", \"canary\": \"" + v2
                + "\", \"percent\": 10, \"steps\": [50, 100], \"step_interval_seconds\": 60, \"min_requests\": 5,"
                // The schedule is under test, not latency: a loaded machine's p99 noise must not roll it back.
                + " \"max_p99_ratio\": 1000}}");
        traffic("c", 300, 1);
        clock.advance(Duration.ofSeconds(30));
        serving.rollouts().tick();
        assertThat(rollout("c").canaryPercent()).isEqualTo(10);

        clock.advance(Duration.ofSeconds(31));
        serving.rollouts().tick();
        assertThat(rollout("c").canaryPercent()).isEqualTo(50);
        assertThat(rollout("c").phase()).isEqualTo(RolloutStatus.Phase.PROGRESSING);
        assertThat(rollout("c").events().getLast().message()).contains("step passed").contains("10% → 50%");

        // The new step starts with fresh windows and a fresh interval.
        clock.advance(Duration.ofSeconds(61));
        serving.rollouts().tick();
        assertThat(rollout("c").canaryPercent()).as("no traffic in the step yet").isEqualTo(50);
        Map<String, Integer> split = traffic("c", 400, 1);
        assertThat(split.get(v2) / 400.0).isBetween(0.38, 0.62);
        clock.advance(Duration.ofSeconds(1));
        serving.rollouts().tick();
        assertThat(rollout("c").canaryPercent()).isEqualTo(100);
        assertThat(rollout("c").phase()).isEqualTo(RolloutStatus.Phase.PROMOTED);
        assertThat(traffic("c", 50, 1)).containsOnlyKeys(v2);
    }

    @Test
    void aFailingCanaryIsRolledBackWithTheReasonAndStableTakesEverything() throws Exception {
        deploy("{\"name\": \"f\", \"policy\": {\"type\": \"canary\", \"stable\": \"" + v1 + "\", \"canary\": \"" + broken
                + "\", \"percent\": 50, \"steps\": [100], \"step_interval_seconds\": 60, \"min_requests\": 5,"
                + " \"max_error_rate\": 0.1}}");
        int failures = 0;
        for (int i = 0; i < 60; i++) {
            try {
                call("f", 2);
            } catch (SextantException e) {
                assertThat(e.code().httpStatus()).isEqualTo(500);
                failures++;
            }
        }
        assertThat(failures).isBetween(10, 50);
        serving.rollouts().tick();
        RolloutStatus rollout = rollout("f");
        assertThat(rollout.phase()).isEqualTo(RolloutStatus.Phase.ROLLED_BACK);
        assertThat(rollout.reason()).contains("canary error rate 1.000").contains("max_error_rate 0.100");
        assertThat(traffic("f", 100, 2)).containsOnlyKeys(v1);
        // Time passing does not bring a rolled-back canary back.
        clock.advance(Duration.ofHours(2));
        serving.rollouts().tick();
        assertThat(rollout("f").canaryPercent()).isZero();
        assertThatThrownBy(() -> serving.deployments().switchColor("f")).hasMessageContaining("only blue_green");
    }

    private void deploy(String spec) throws Exception {
        serving.deployments().create(SpecJson.read(new com.fasterxml.jackson.databind.ObjectMapper().readTree(spec),
                Optional.empty()));
    }

    private RolloutStatus rollout(String name) {
        Deployment stored = serving.deployments().get(name);
        assertThat(serving.plane().served(name).orElseThrow().generation()).isEqualTo(stored.generation());
        return stored.rollout();
    }

    /** Sends {@code count} requests of {@code rows} rows; answers counted by the version URI that gave them. */
    private Map<String, Integer> traffic(String name, int count, int rows) {
        Map<String, Integer> byVersion = new java.util.HashMap<>();
        for (int i = 0; i < count; i++) {
            InferenceResult result = call(name, rows);
            byVersion.merge(result.version().uri(), 1, Integer::sum);
        }
        return byVersion;
    }

    private InferenceResult call(String name, int rows) {
        float[] values = new float[rows * 2];
        java.util.Arrays.fill(values, 5f);
        return serving.plane().infer(new InferenceCall(name, Optional.empty(),
                InferenceInputs.of(Tensor.floats("X", new long[] {rows, 2}, values)), "r", "test", h -> Optional.empty()));
    }

    private String register(TrackingService tracking, LocalArtifactStore artifacts, Registry registry, String experiment,
                            byte[] onnx, boolean signature) {
        var run = tracking.createRun(new NewRun(experiment, "", "", OptionalLong.empty(), List.of())).info();
        String root = run.artifactUri().replaceFirst("^mlflow-artifacts:/*", "");
        ModelPackages.files(run.runId(), signature, onnx).forEach((file, bytes) ->
                artifacts.put(root + "/model/" + file, new ByteArrayInputStream(bytes)));
        long version = registry.service().createModelVersion(new NewVersionRequest("iris", "runs:/" + run.runId() + "/model",
                "", "", "", List.of())).version();
        return "models:/iris/" + version;
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
