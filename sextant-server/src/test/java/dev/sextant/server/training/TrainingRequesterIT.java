package dev.sextant.server.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
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
import dev.sextant.tracking.TrackingService;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A queued job runs only if its requester may still train when a worker takes it. A real server
 * with API tokens and one worker held busy at a gate: jobs queue behind it, tokens are revoked
 * (or expire) through the real API and clock meanwhile, and then the worker is let go.
 */
class TrainingRequesterIT {
    private static final String ADMIN = "admin-token-for-tests-0123456789abcdef";

    @TempDir
    Path dir;
    private MetadataDatabase database;
    private TrackingService tracking;
    private Registry registry;
    private WebServer server;
    private Http admin;
    private final WorkerGate gate = new WorkerGate();
    /** The security's clock: the test moves it to let tokens expire. */
    private final MovableClock securityClock = new MovableClock(Instant.now());

    @BeforeEach
    void start() {
        database = MetadataDatabase.open(MetadataDatabase.embeddedUrl(dir), "", "");
        Clock clock = Clock.systemUTC();
        ArtifactStore artifacts = new LocalArtifactStore(dir.resolve("artifacts"));
        Security security = Security.start(ConfigLoader.load(Map.of("data-dir", dir.toString(), "admin-token", ADMIN),
                Map.of()), database.security(), new TrackingResources(database.trackingStore()), securityClock,
                new SecureRandom());
        // The stores are audited as in the server, so the audit log shows who recorded what.
        tracking = new TrackingService(security.audited(database.trackingStore()), clock, new SecureRandom(),
                "mlflow-artifacts:");
        registry = Registry.create(database, tracking, artifacts, clock);
        ServerTraining real = new ServerTraining(tracking, artifacts, registry.service(), clock, "test");
        TrainingJobs jobs = new TrainingJobs(new JobLimits(1, 5, 10), clock, new SecureRandom());
        TrainingJobs.Work gated = job -> {
            gate.arrive();
            return real.run(job);
        };
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(HttpRouting.builder().addFilter(security.filter()).error(Throwable.class, new ErrorResponder())
                        .register(NativeApi.PREFIX, security.api().routes())
                        .register(NativeApi.PREFIX, TrainingApi.routes(jobs, gated, tracking, artifacts,
                                registry.service(), 1 << 20, DataRoots.of(List.of(ModelPackages.shared())))))
                .build().start();
        admin = new Http("http://127.0.0.1:" + server.port()).withHeaders("Authorization", "Bearer " + ADMIN);
    }

    @AfterEach
    void stop() {
        gate.open();
        if (server != null) {
            server.stop();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aJobWhoseTokenWasRevokedWhileQueuedFailsWithoutTraining() throws Exception {
        Token alice = token("alice", 90);
        Token bob = token("bob", 90);
        String blocker = submit(bob, "blocker", "blocker-model");
        gate.awaitArrivals(1);
        String revoked = submit(alice, "alice-exp", "alice-model");
        String valid = submit(bob, "bob-exp", "bob-model");
        assertThat(admin.get(revoked).json().path("state").asText()).isEqualTo("queued");

        HttpResult revoke = admin.send("DELETE", "/api/v1/tokens/" + alice.id(), BodyPublishers.noBody());
        assertThat(revoke.status()).as(revoke.body()).isEqualTo(204);
        gate.open();

        JsonNode failed = new TrainingClient(admin).follow(revoked).job();
        assertThat(failed.path("state").asText()).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.path("started_time").isNull()).as("never started: " + failed).isTrue();
        assertThat(failed.path("run_id").isNull()).as("no run: " + failed).isTrue();
        assertThat(failed.at("/error/code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(failed.at("/error/status").asInt()).isEqualTo(401);
        assertThat(failed.at("/error/message").asText())
                .contains("did not start", "API token " + alice.id() + " of 'alice' was revoked",
                        "after this work was requested", "Nothing was trained or recorded",
                        "submit the job again with a valid token");
        nothingRecorded("alice-exp", "alice-model");
        JsonNode refusal = onlyAuditEntry(id(revoked));
        assertThat(refusal.path("action").asText()).isEqualTo("training-job.start-refused");
        assertThat(refusal.path("actor").asText()).isEqualTo("alice");
        assertThat(refusal.at("/after/code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(refusal.at("/after/token_id").asText()).isEqualTo(alice.id());
        assertThat(refusal.at("/after/reason").asText()).contains("was revoked");

        // The job queued with a token still valid runs normally, as its requester.
        JsonNode succeeded = new TrainingClient(admin).follow(valid).job();
        assertThat(succeeded.path("state").asText()).as(succeeded.toString()).isEqualTo("succeeded");
        assertThat(succeeded.at("/model_version/name").asText()).isEqualTo("bob-model");
        assertThat(registry.service().getRegisteredModel("bob-model").name()).isEqualTo("bob-model");
        assertThat(tracking.getRun(succeeded.path("run_id").asText()).info().userId()).isEqualTo("bob");
        assertThat(audit("run:" + succeeded.path("run_id").asText()).get(0).path("actor").asText()).isEqualTo("bob");
        assertThat(audit("training-job:" + id(valid))).isEmpty();
        assertThat(new TrainingClient(admin).follow(blocker).job().path("state").asText()).isEqualTo("succeeded");
    }

    @Test
    void aJobWhoseTokenExpiredWhileQueuedFailsWithoutTraining() throws Exception {
        Token carol = token("carol", 1);
        Token bob = token("bob", 90);
        submit(bob, "blocker", "blocker-model");
        gate.awaitArrivals(1);
        String expired = submit(carol, "carol-exp", "carol-model");

        securityClock.advance(Duration.ofDays(2));
        gate.open();

        JsonNode failed = new TrainingClient(admin).follow(expired).job();
        assertThat(failed.path("state").asText()).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.at("/error/code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(failed.at("/error/message").asText()).contains("API token " + carol.id() + " of 'carol' expired at");
        nothingRecorded("carol-exp", "carol-model");
        assertThat(onlyAuditEntry(id(expired)).path("action").asText()).isEqualTo("training-job.start-refused");
    }

    private void nothingRecorded(String experiment, String model) {
        assertThatThrownBy(() -> tracking.getExperimentByName(experiment)).isInstanceOfSatisfying(
                SextantException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
        assertThatThrownBy(() -> registry.service().getRegisteredModel(model)).isInstanceOfSatisfying(
                SextantException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
    }

    private JsonNode onlyAuditEntry(String jobId) {
        JsonNode entries = audit("training-job:" + jobId);
        assertThat(entries).as(entries.toString()).hasSize(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.path("entity_type").asText()).isEqualTo("training-job");
        assertThat(entry.path("entity_id").asText()).isEqualTo(jobId);
        return entry;
    }

    private JsonNode audit(String entity) {
        HttpResult listed = admin.get("/api/v1/audit?entity=" + entity);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        return listed.json().path("entries");
    }

    private String submit(Token requester, String experiment, String model) {
        Http http = new Http(admin.base()).withHeaders("Authorization", "Bearer " + requester.secret());
        return new TrainingClient(http).accepted("{\"data\": \"" + weather() + "\", \"target\": \"weather\", "
                + "\"experiment\": \"" + experiment + "\", \"register\": \"" + model + "\", "
                + "\"params\": {\"trees\": 3, \"max_depth\": 4}}");
    }

    private Token token(String name, int days) {
        HttpResult created = admin.postJson("/api/v1/tokens", "{\"name\":\"" + name + "\",\"role\":\"data-scientist\","
                + "\"expires_in_days\":" + days + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Token(created.json().at("/token/id").asText(), created.json().path("secret").asText());
    }

    private record Token(String id, String secret) {
    }

    private static Path weather() {
        return ModelPackages.shared().resolve("data/seattle-weather.csv").toAbsolutePath().normalize();
    }

    private static String id(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** A clock that stands still until the test moves it. */
    private static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
