package dev.sextant.server.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.server.Http;
import dev.sextant.server.HttpResult;
import dev.sextant.server.ModelPackages;
import dev.sextant.server.TestServer;
import dev.sextant.server.config.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data scientist trains on server paths only under the configured data roots: not outside
 * them, not through a symbolic link that leads out of a root, not with {@code ..}; and a refusal
 * reads the same whether the file outside exists or not. A job that is let through is audited as
 * the data scientist, under the request that asked for it.
 */
class TrainingDataRootsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin-token-for-roots-0123456789abcdef";

    @TempDir
    static Path dir;
    static TestServer server;
    static Http http;
    static String dana;
    static Path root;
    static Path outside;
    static Path secret;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createDirectories(dir.resolve("data-root"));
        outside = Files.createDirectories(dir.resolve("outside"));
        byte[] weather = Files.readAllBytes(ModelPackages.shared().resolve("data/seattle-weather.csv"));
        Files.write(root.resolve("weather.csv"), weather);
        // A perfectly trainable table, outside the root: only the roots, not the content, keep it out.
        secret = Files.write(outside.resolve("weather.csv"), weather);
        Files.createSymbolicLink(root.resolve("escape.csv"), secret);
        Files.createSymbolicLink(root.resolve("elsewhere"), outside);
        Files.createSymbolicLink(root.resolve("dangling.csv"), outside.resolve("missing.csv"));
        server = TestServer.start(dir.resolve("server"), c -> c
                .withSecurity(c.security().withAdminToken(Secret.of(ADMIN)).withRateLimit(0, 1))
                .withTrainingDataRoots(List.of(root)));
        http = server.http();
        HttpResult token = http.postJson("/api/v1/tokens", "{\"name\":\"dana\",\"role\":\"data-scientist\"}",
                bearer(ADMIN));
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        dana = token.json().path("secret").asText();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void pathsThatLeadOutOfTheRootsAreRefusedAlike() throws Exception {
        List<String> outsidePaths = List.of(
                secret.toString(),
                outside.resolve("does-not-exist.csv").toString(),
                "/etc/passwd",
                root + "/../outside/weather.csv",
                root + "/../outside/does-not-exist.csv",
                root.resolve("escape.csv").toString(),
                root.resolve("elsewhere/weather.csv").toString(),
                root.resolve("elsewhere/does-not-exist.csv").toString(),
                root.resolve("dangling.csv").toString());
        int jobsBefore = http.get(TrainingClient.PATH, bearer(dana)).json().path("training_runs").size();
        Set<String> details = new HashSet<>();
        for (String path : outsidePaths) {
            HttpResult refused = submit(path);
            assertThat(refused.status()).as(path + ": " + refused.body()).isEqualTo(403);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            JsonNode problem = refused.json();
            assertThat(problem.path("code").asText()).isEqualTo("PERMISSION_DENIED");
            String detail = problem.path("detail").asText();
            assertThat(detail).contains("'" + path + "'", "training.data-roots", root.toRealPath().toString(), "runs:/",
                    "datasets:/");
            details.add(detail.replace(path, "<path>"));
        }
        // Existing or not, through a link or not: one and the same answer, so nothing is learnt about the disk.
        assertThat(details).hasSize(1);
        // No job was created for any of them.
        assertThat(http.get(TrainingClient.PATH, bearer(dana)).json().path("training_runs")).hasSize(jobsBefore);
    }

    @Test
    void aFileUnderARootTrainsAndIsAuditedAsTheUserWhoAskedForIt() throws Exception {
        HttpResult accepted = submit(root + "/./sub/../weather.csv");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String requestId = accepted.header("X-Request-Id");
        JsonNode job = new TrainingClient(http.withHeaders(bearer(dana))).follow(accepted.header("Location")).job();
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("succeeded");
        String runId = job.path("run_id").asText();

        JsonNode run = http.get("/api/v1/runs/" + runId, bearer(dana)).json();
        assertThat(run.path("user_id").asText()).isEqualTo("dana");
        JsonNode input = run.path("inputs").get(0);
        assertThat(JSON.readTree(input.at("/dataset/source").asText()).path("uri").asText())
                .isEqualTo(root.resolve("weather.csv").toRealPath().toString());

        List<JsonNode> entries = new ArrayList<>();
        for (String entity : List.of("run:" + runId, "experiment", "registered-model", "model-version", "artifact")) {
            http.get("/api/v1/audit?entity=" + entity, bearer(ADMIN)).json().path("entries").forEach(entries::add);
        }
        List<String> actions = entries.stream().map(e -> e.path("action").asText()).toList();
        assertThat(actions).contains("experiment.create", "run.create", "artifact.upload", "registered-model.create",
                "model-version.create");
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.path("actor").asText()).as(entry.toString()).isEqualTo("dana");
            assertThat(entry.path("request_id").asText()).as(entry.toString()).isEqualTo(requestId);
        });
    }

    @Test
    void aMissingFileUnderARootIsNotFound() {
        HttpResult missing = submit(root.resolve("nothing-here.csv").toString());
        assertThat(missing.status()).as(missing.body()).isEqualTo(404);
        assertThat(missing.json().path("detail").asText()).contains("No readable file", "nothing-here.csv");
    }

    private static HttpResult submit(String data) {
        return http.postJson(TrainingClient.PATH, JSON.createObjectNode().put("data", data).put("target", "weather")
                .put("algorithm", "logistic-regression").put("experiment", "roots").put("register", "roots-weather")
                .toString(), bearer(dana));
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }
}
