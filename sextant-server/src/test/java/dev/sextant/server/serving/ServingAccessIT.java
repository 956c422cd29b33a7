package dev.sextant.server.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.Http;
import dev.sextant.server.HttpResult;
import dev.sextant.server.ModelPackages;
import dev.sextant.server.TestServer;
import dev.sextant.server.config.Secret;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serving behind authentication: deployments follow the roles (viewers read, ML engineers change),
 * a {@code predict:<deployment>} token predicts on its deployment and nothing else, a request with
 * more rows than {@code limits.max-batch-rows} is refused before it runs, every deployment change
 * is in the audit log with who made it, and a package whose bytes changed is refused at load.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServingAccessIT {
    private static final String ADMIN_TOKEN = "admin-token-for-serving-tests-0123456789";
    private static final int MAX_ROWS = 4;
    private static final float[][] ROW = {{5.1f, 3.5f}};

    Path dir;
    TestServer server;
    Http admin;
    Http engineer;
    Http scientist;
    Http viewer;
    Http app;
    ServingFixture fixture;
    String model;

    @BeforeAll
    void start(@TempDir Path tempDir) {
        dir = tempDir;
        server = TestServer.start(dir.resolve("data"), c -> c.withSecurity(c.security()
                .withAdminToken(Secret.of(ADMIN_TOKEN)).withRateLimit(0, 1).withMaxBatchRows(MAX_ROWS)));
        admin = server.http().withHeaders("Authorization", "Bearer " + ADMIN_TOKEN);
        engineer = as("erin", "ml-engineer", "");
        scientist = as("sam", "data-scientist", "");
        viewer = as("vic", "viewer", "");
        app = as("app", "viewer", ",\"scopes\":[\"predict:iris\"]");
        fixture = new ServingFixture(admin);
        model = fixture.model("iris");
        fixture.registerLogreg(model);
        new ServingFixture(engineer).deploy(spec("iris"));
        fixture.deploy(spec("other"));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void deploymentsFollowTheRoles() {
        assertThat(viewer.get("/api/v1/deployments").status()).isEqualTo(200);
        assertThat(viewer.get("/api/v1/deployments/iris").status()).isEqualTo(200);
        HttpResult refused = viewer.postJson("/api/v1/deployments", spec("by-viewer"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("detail").asText()).contains("viewer", "deployment");
        assertThat(scientist.sendJson("PATCH", "/api/v1/deployments/iris", "{\"description\": \"x\"}")
                .status()).isEqualTo(403);
        assertThat(scientist.send("DELETE", "/api/v1/deployments/iris",
                BodyPublishers.noBody()).status()).isEqualTo(403);
        assertThat(server.http().get("/api/v1/deployments").status()).isEqualTo(401);
        // Health probes need no token; the rest of the protocol does.
        assertThat(server.http().get("/v2/health/live").status()).isEqualTo(200);
        assertThat(server.http().get("/v2/health/ready").status()).isEqualTo(200);
        assertThat(server.http().get("/v2").status()).isEqualTo(401);
        assertThat(server.http().postJson("/v2/models/iris/infer", ServingFixture.inferBody(ROW)).status())
                .isEqualTo(401);
    }

    @Test
    void aPredictTokenPredictsOnItsDeploymentOnly() {
        HttpResult answered = app.postJson("/v2/models/iris/infer", ServingFixture.inferBody(ROW));
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(app.get("/v2/models/iris").status()).isEqualTo(200);
        assertThat(app.postJson("/deployments/iris/invocations",
                "{\"dataframe_split\": {\"columns\": [\"a\", \"b\"], \"data\": [[5.1, 3.5]]}}").status()).isEqualTo(200);

        HttpResult elsewhere = app.postJson("/v2/models/other/infer", ServingFixture.inferBody(ROW));
        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(elsewhere.json().path("error").asText()).contains("predict:other");
        // Two deployments are served, so /invocations names none of them: predict:iris does not cover it.
        HttpResult unnamed = app.postJson("/invocations", "{\"instances\": [[5.1, 3.5]]}");
        assertThat(unnamed.status()).isEqualTo(403);
        assertThat(unnamed.json().path("message").asText()).contains("predict:*", "/deployments/<name>/invocations");
        assertThat(app.get("/api/v1/deployments").status()).isEqualTo(403);
        assertThat(app.get("/api/2.0/mlflow/registered-models/search").status()).isEqualTo(403);
    }

    @Test
    void aRequestWithMoreRowsThanTheLimitIsRefusedBeforeItRuns() {
        float[][] atLimit = new float[MAX_ROWS][];
        float[][] beyond = new float[MAX_ROWS + 1][];
        for (int i = 0; i < beyond.length; i++) {
            beyond[i] = new float[] {5.0f + i / 10f, 3.0f};
            if (i < MAX_ROWS) {
                atLimit[i] = beyond[i];
            }
        }
        assertThat(app.postJson("/v2/models/iris/infer", ServingFixture.inferBody(atLimit)).status()).isEqualTo(200);
        HttpResult tooMany = app.postJson("/v2/models/iris/infer", ServingFixture.inferBody(beyond));
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.json().path("error").asText()).contains(MAX_ROWS + 1 + " rows", "limits.max-batch-rows");

        StringBuilder records = new StringBuilder();
        for (int i = 0; i <= MAX_ROWS; i++) {
            records.append(i == 0 ? "" : ",").append("[5.1, 3.5]");
        }
        HttpResult scoring = app.postJson("/deployments/iris/invocations",
                "{\"dataframe_split\": {\"columns\": [\"a\", \"b\"], \"data\": [" + records + "]}}");
        assertThat(scoring.status()).isEqualTo(413);
        assertThat(scoring.json().path("message").asText()).contains("limits.max-batch-rows");
    }

    @Test
    void everyDeploymentChangeIsAuditedWithItsAuthor() {
        Http erin = engineer;
        new ServingFixture(erin).deploy(spec("audited"));
        new ServingFixture(erin).patch("audited", "{\"description\": \"tuned\"}");
        assertThat(erin.send("DELETE", "/api/v1/deployments/audited",
                BodyPublishers.noBody()).status()).isEqualTo(204);

        JsonNode entries = admin.get("/api/v1/audit?entity=deployment:audited").json().path("entries");
        List<String> actions = new ArrayList<>();
        entries.forEach(e -> actions.add(e.path("action").asText() + " by " + e.path("actor").asText()));
        assertThat(actions).containsExactly("deployment.create by erin", "deployment.update by erin",
                "deployment.delete by erin");
        assertThat(entries.get(0).path("before").isNull()).isTrue();
        assertThat(entries.get(1).path("before").path("description").asText()).isEmpty();
        assertThat(entries.get(1).path("after").path("description").asText()).isEqualTo("tuned");
        assertThat(entries.get(2).path("after").isNull()).isTrue();
        assertThat(admin.get("/api/v1/audit/verify").json().path("intact").asBoolean()).isTrue();
    }

    /** Last: it changes the shared model file on disk. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aPackageWhoseBytesChangedIsRefusedAtLoad() throws Exception {
        String tampered = fixture.model("tampered");
        long version = fixture.registerLogreg(tampered);
        String sha = ModelPackages.sha256(ModelPackages.sharedModel("logreg_iris.onnx"));
        Path onnx = dir.resolve("data/artifacts/blobs/sha256").resolve(sha.substring(0, 2)).resolve(sha);
        byte[] original = Files.readAllBytes(onnx);
        byte[] bytes = original.clone();
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(onnx, bytes);
        try {
            HttpResult refused = engineer.postJson("/api/v1/deployments", "{\"name\": \"tampered\", \"model\": \"models:/"
                    + tampered + "/" + version + "\"}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(500);
            assertThat(refused.json().path("code").asText()).isEqualTo("INVALID_STATE");
            assertThat(refused.json().path("detail").asText()).contains("model.onnx");
            assertThat(engineer.get("/api/v1/deployments/tampered").status()).isEqualTo(404);
            JsonNode entries = admin.get("/api/v1/audit?entity=model-version:" + tampered + "/" + version).json()
                    .path("entries");
            List<String> actions = new ArrayList<>();
            entries.forEach(e -> actions.add(e.path("action").asText()));
            assertThat(actions).contains("model-version.load-refused");
        } finally {
            Files.write(onnx, original);
        }
    }

    private Http as(String name, String role, String extraJson) {
        HttpResult created = admin.postJson("/api/v1/tokens", "{\"name\":\"" + name + "\",\"role\":\"" + role + "\""
                + extraJson + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return server.http().withHeaders("Authorization", "Bearer " + created.json().path("secret").asText());
    }

    private String spec(String name) {
        return "{\"name\": \"" + name + "\", \"model\": \"models:/" + model + "/1\"}";
    }
}
