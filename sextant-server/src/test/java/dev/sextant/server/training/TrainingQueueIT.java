package dev.sextant.server.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.api.ErrorCode;
import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.server.Http;
import dev.sextant.server.HttpResult;
import dev.sextant.server.ModelPackages;
import dev.sextant.server.Registry;
import dev.sextant.server.config.ConfigLoader;
import dev.sextant.server.http.ErrorResponder;
import dev.sextant.server.nativeapi.NativeApi;
import dev.sextant.server.security.Security;
import dev.sextant.server.security.TrackingResources;
import dev.sextant.store.artifact.LocalArtifactStore;
import dev.sextant.store.jdbc.MetadataDatabase;
import dev.sextant.tracking.RunStatus;
import dev.sextant.tracking.TrackingService;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded job queue over HTTP: one worker and one waiting place, with the real training held
 * at a gate so that the test decides when a worker is busy. Shows 429 when full, one job at a time,
 * forgetting old finished jobs, and what stopping the server does to queued and running jobs.
 */
class TrainingQueueIT {
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path dir;
    private MetadataDatabase database;
    private TrainingJobs jobs;
    private TrackingService tracking;
    private WebServer server;
    private Http http;
    private TrainingClient training;
    private final WorkerGate gate = new WorkerGate();

    private void start(JobLimits limits) {
        database = MetadataDatabase.open(MetadataDatabase.embeddedUrl(dir), "", "");
        tracking = new TrackingService(database.trackingStore(), CLOCK, new SecureRandom(),
                "mlflow-artifacts:");
        ArtifactStore artifacts = new LocalArtifactStore(dir.resolve("artifacts"));
        Registry registry = Registry.create(database, tracking, artifacts, CLOCK);
        ServerTraining real = new ServerTraining(tracking, artifacts, registry.service(), CLOCK, "test");
        jobs = new TrainingJobs(limits, CLOCK, new SecureRandom());
        TrainingJobs.Work gated = job -> {
            gate.arrive();
            return real.run(job);
        };
        // Local mode (loopback, no admin token): the access filter admits the single local user.
        Security security = Security.start(ConfigLoader.load(Map.of("data-dir", dir.toString()), Map.of()), database.security(),
                new TrackingResources(database.trackingStore()), CLOCK, new SecureRandom());
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(HttpRouting.builder().addFilter(security.filter()).error(Throwable.class, new ErrorResponder())
                        .register(NativeApi.PREFIX, TrainingApi.routes(jobs, gated, tracking, artifacts,
                                registry.service(), 1 << 20, DataRoots.of(List.of(ModelPackages.shared())))))
                .build().start();
        http = new Http("http://127.0.0.1:" + server.port());
        training = new TrainingClient(http);
    }

    @AfterEach
    void stop() {
        gate.open();
        if (server == null) {
            return;
        }
        if (server.isRunning()) {
            server.stop();
        }
        database.close();
    }

    @Test
    void aFullQueueIsRefusedWith429AndJobsRunOneAtATime() throws Exception {
        start(new JobLimits(1, 1, 1));
        String first = training.accepted(request());
        gate.awaitArrivals(1);
        String second = training.accepted(request());
        assertThat(http.get(second).json().path("state").asText()).isEqualTo("queued");

        HttpResult refused = training.submit(request());
        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("30");
        assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(refused.json().path("code").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(refused.json().path("detail").asText()).contains("1 job(s) with 1 waiting");
        assertThat(http.get(TrainingClient.PATH).json().path("training_runs").size()).isEqualTo(2);

        gate.open();
        JsonNode a = training.follow(first).job();
        JsonNode b = training.follow(second).job();
        assertThat(a.path("state").asText()).as(a.toString()).isEqualTo("succeeded");
        assertThat(b.path("state").asText()).as(b.toString()).isEqualTo("succeeded");
        assertThat(b.path("started_time").asLong()).as("the second job waited for the first")
                .isGreaterThanOrEqualTo(a.path("finished_time").asLong());
        // One finished job is kept: the older one is forgotten, its run is not.
        assertThat(http.get(first).status()).isEqualTo(404);
        assertThat(http.get(TrainingClient.PATH).json().path("training_runs").findValuesAsText("id"))
                .containsExactly(b.path("id").asText());
        assertThat(tracking.getRun(a.path("run_id").asText()).info().status()).isEqualTo(RunStatus.FINISHED);
    }

    @Test
    void stoppingTheServerFailsQueuedJobsAndStopsRunningOnes() throws Exception {
        start(new JobLimits(1, 1, 10));
        String running = id(training.accepted(request()));
        gate.awaitArrivals(1);
        String queued = id(training.accepted(request()));

        // The running job goes on only once stopping has begun, so it meets the stop at its first step.
        Thread opener = Thread.ofVirtual().start(() -> {
            while (!jobs.stopping()) {
                sleep(10);
            }
            gate.open();
        });
        server.stop();
        opener.join();

        JobView stopped = jobs.get(running).orElseThrow().view();
        assertThat(stopped.state()).isEqualTo(JobState.FAILED);
        assertThat(stopped.error().map(JobError::code)).contains(ErrorCode.TEMPORARILY_UNAVAILABLE);
        assertThat(stopped.error().map(JobError::message).orElseThrow()).contains("stopped while this job was running");
        JobView neverStarted = jobs.get(queued).orElseThrow().view();
        assertThat(neverStarted.state()).isEqualTo(JobState.FAILED);
        assertThat(neverStarted.startedTime()).isEmpty();
        assertThat(neverStarted.error().map(JobError::message).orElseThrow()).contains("before this job started");
    }

    private static String request() {
        return "{\"data\": \"" + weather() + "\", \"target\": \"weather\", \"params\": {\"trees\": 3, \"max_depth\": 4}}";
    }

    private static Path weather() {
        return ModelPackages.shared().resolve("data/seattle-weather.csv").toAbsolutePath().normalize();
    }

    private static String id(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
