package dev.sextant.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.it.RawHttpClient.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fires a few thousand malformed requests, generated from a seed, at every MLflow (tracking and
 * registry), artifact, native and inference route (a real model is deployed): wrong methods, broken and truncated JSON, wrong JSON types for every field, huge
 * and negative numbers, unicode, missing fields, wrong content types, oversized bodies, bad query
 * parameters and path traversal. No answer may be a server error, every refusal must carry the
 * route family's error body, and the server must still be healthy at the end.
 * <p>
 * Replay a run with {@code -Dsextant.fuzz.seed=N}; bound it with {@code -Dsextant.fuzz.requests}
 * and {@code -Dsextant.fuzz.seconds}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class MalformedRequestFuzzIT {
    private static final long SEED = Long.getLong("sextant.fuzz.seed", 20_240_611L);
    private static final int MAX_REQUESTS = Integer.getInteger("sextant.fuzz.requests", 3000);
    private static final Duration TIME_BUDGET = Duration.ofSeconds(Long.getLong("sextant.fuzz.seconds", 150));
    private static final int SHOWN_VIOLATIONS = 40;

    private ServerProcess server;
    private RawHttpClient raw;
    private FuzzPlan plan;
    private Path dataDir;
    private static final String DEPLOYMENT = "fuzz";
    private final String canary = "sextant-fuzz-canary-" + SEED;

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        this.dataDir = dataDir;
        server = ServerProcess.start(dataDir);
        raw = new RawHttpClient(server.port());
        Http http = new Http(server.baseUrl());
        TrackingApi api = new TrackingApi(http);
        String experimentId = api.createExperiment(TrackingApi.uniqueName("fuzz"));
        JsonNode run = api.createRun(experimentId, "fuzz-target");
        String runId = run.path("run_id").asText();
        api.logBatch(TrackingApi.metricBatch(runId, "m", 0, 3));
        String artifactRoot = run.path("artifact_uri").asText().replaceFirst("^mlflow-artifacts:/", "");
        http.send("PUT", Http.ARTIFACTS + "/" + artifactRoot + "/file.txt", "text/plain", MalformedInputs.utf8("x"));
        LoggedModels.log(http, runId, run.path("artifact_uri").asText(), "model", "logreg_iris.onnx", true);
        String modelName = TrackingApi.uniqueName("fuzz-model");
        http.mlflowPost("registered-models/create", Http.object().put("name", modelName));
        http.mlflowPost("model-versions/create", Http.object().put("name", modelName)
                .put("source", "runs:/" + runId + "/model"));
        Http.Response deployed = http.postJson("/api/v1/deployments", Http.object().put("name", DEPLOYMENT)
                .put("model", "models:/" + modelName + "/1"));
        assertThat(deployed.status()).as(deployed.toString()).isEqualTo(201);
        plan = new FuzzPlan(new MalformedInputs(SEED, experimentId, runId, modelName), artifactRoot, canary);
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void mlflowAndArtifactRoutesRefuseMalformedRequestsCleanly() {
        List<FuzzRequest> coverage = new ArrayList<>(plan.mlflowCoverage());
        coverage.addAll(plan.artifactCoverage());
        Report report = fire(coverage, plan::randomMlflowOrArtifact, MAX_REQUESTS);

        assertThat(report.violations()).as(report.summary()).isEmpty();
        assertThat(report.sent()).as(report.summary()).isGreaterThanOrEqualTo(Math.min(MAX_REQUESTS, coverage.size()));
        assertNoFileEscapedTheArtifactRoot();
        assertStillHealthy();
    }

    @Test
    void nativeRoutesRefuseMalformedRequestsWithProblems() {
        Http.Response openApi = new Http(server.baseUrl()).get("/openapi.json");
        assertThat(openApi.status()).as("the native API is described at /openapi.json: " + openApi).isEqualTo(200);
        List<FuzzRequest> coverage = plan.nativeCoverage(openApi.json());
        assertThat(coverage).as("native operations found in /openapi.json").hasSizeGreaterThan(2);

        Report report = fire(coverage, null, coverage.size());

        assertThat(report.violations()).as(report.summary()).isEmpty();
        assertStillHealthy();
    }

    @Test
    void inferenceRoutesRefuseMalformedRequestsInTheirProtocolsDialect() {
        Http http = new Http(server.baseUrl());
        List<FuzzRequest> coverage = plan.inferenceCoverage(http.get("/openapi.json").json(), DEPLOYMENT);
        assertThat(coverage).as("inference operations found in /openapi.json").hasSizeGreaterThan(100);

        Report report = fire(coverage, null, coverage.size());

        assertThat(report.violations()).as(report.summary()).isEmpty();
        assertThat(report.statuses()).as("some requests reach the model").containsKey(400);
        assertStillHealthy();
        Http.Response answer = http.postJson("/v2/models/" + DEPLOYMENT + "/infer", "{\"inputs\": [{\"name\": \"X\","
                + " \"shape\": [1, 2], \"datatype\": \"FP32\", \"data\": [5.1, 3.5]}]}");
        assertThat(answer.status()).as("the deployment still answers: " + answer).isEqualTo(200);
    }

    // ---------------------------------------------------------------- firing and judging

    /** What came back: counts per status, and every rule broken. */
    record Report(int sent, Map<Integer, Integer> statuses, List<String> violations) {
        String summary() {
            List<String> shown = violations.subList(0, Math.min(violations.size(), SHOWN_VIOLATIONS));
            return "seed " + SEED + ", " + sent + " requests, statuses " + statuses + ", " + violations.size()
                    + " violations" + (violations.isEmpty() ? "" : ":\n  " + String.join("\n  ", shown));
        }
    }

    private Report fire(List<FuzzRequest> coverage, Supplier<FuzzRequest> random, int maxRequests) {
        long deadline = System.nanoTime() + TIME_BUDGET.toNanos();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        int sent = 0;
        while (sent < maxRequests && System.nanoTime() < deadline && (sent < coverage.size() || random != null)) {
            FuzzRequest request = sent < coverage.size() ? coverage.get(sent) : random.get();
            sent++;
            try {
                Reply reply = raw.send(request.method(), request.target(), request.contentType(), request.body());
                statuses.merge(reply.status(), 1, Integer::sum);
                request.violation(reply).ifPresent(problem -> violations.add(problem + ": " + request + " -> HTTP "
                        + reply.status() + " " + reply.contentType() + " " + Http.abbreviate(reply.text())));
            } catch (IOException e) {
                statuses.merge(-1, 1, Integer::sum);
                if (!request.oversized()) {
                    violations.add("no answer (" + e + "): " + request);
                }
                if (!server.isAlive()) {
                    violations.add("server process died; output:\n" + server.outputTail());
                    break;
                }
            }
        }
        System.out.println("fuzz: seed " + SEED + ", " + sent + " requests, statuses " + statuses);
        return new Report(sent, statuses, violations);
    }

    private void assertStillHealthy() {
        assertThat(server.isAlive()).as("server process alive; output:\n" + server.outputTail()).isTrue();
        assertThat(server.ready()).as("/health/ready after fuzzing").isTrue();
        TrackingApi api = new TrackingApi(new Http(server.baseUrl()));
        String experimentId = api.createExperiment(TrackingApi.uniqueName("after-fuzz"));
        assertThat(api.createRun(experimentId, "still-works").path("run_name").asText()).isEqualTo("still-works");
    }

    /** The traversal PUTs named a canary file; it must not exist anywhere above the artifact root. */
    private void assertNoFileEscapedTheArtifactRoot() {
        List<Path> places = new ArrayList<>(List.of(Path.of("/", canary), Path.of("/tmp", canary),
                Path.of("", canary).toAbsolutePath(), dataDir.resolve(canary)));
        for (Path dir = dataDir.getParent(); dir != null; dir = dir.getParent()) {
            places.add(dir.resolve(canary));
        }
        assertThat(places.stream().filter(Files::exists).toList()).as("files written through path traversal").isEmpty();
    }
}
