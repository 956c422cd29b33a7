package dev.sextant.server.security;

import static dev.sextant.server.security.SecuredServer.ADMIN;
import static dev.sextant.server.security.SecuredServer.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.server.HttpResult;
import dev.sextant.server.LogCapture;
import dev.sextant.server.TestServer;
import dev.sextant.server.config.ConfigException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Modes, tokens (create, revoke, expire), grants above a role, and rate limits, on a real server. */
class AuthenticationIT {
    @TempDir
    Path dir;

    @Test
    void loopbackWithoutAdminTokenIsLocalModeAndSaysSo() {
        try (LogCapture logs = new LogCapture(); TestServer server = TestServer.start(dir)) {
            assertThat(server.http().postJson("/api/2.0/mlflow/experiments/create", "{\"name\":\"e\"}").status())
                    .isEqualTo(200);
            assertThat(server.http().get("/api/v1/auth/whoami").json().get("name").textValue()).isEqualTo("local");
            assertThat(logs.text()).contains("Local mode", "SEXTANT_ADMIN_TOKEN");
        }
    }

    @Test
    void anyOtherAddressWithoutAuthenticationRefusesToStart() {
        assertThatThrownBy(() -> TestServer.start(dir, c -> c.withHost("0.0.0.0")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("admin-token"))
                .hasMessageContaining("Refusing to listen on 0.0.0.0 without authentication")
                .hasMessageContaining("SEXTANT_ADMIN_TOKEN");
    }

    @Test
    void aShortAdminTokenIsRefused() {
        assertThatThrownBy(() -> SecuredServer.start(dir, s -> s.withAdminToken(
                dev.sextant.server.config.Secret.of("changeme"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("shorter than");
    }

    @Test
    void tokensAreShownOnceStoredHashedAndRevocable() {
        try (SecuredServer server = SecuredServer.start(dir)) {
            HttpResult created = server.http().postJson("/api/v1/tokens", "{\"name\":\"ci\",\"role\":\"data-scientist\","
                    + "\"expires_in_days\":30}", bearer(ADMIN));
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.header("Cache-Control")).isEqualTo("no-store");
            String secret = created.json().get("secret").textValue();
            String id = created.json().get("token").get("id").textValue();
            assertThat(secret).startsWith("sxt_" + id + "_");

            HttpResult whoami = server.http().get("/api/v1/auth/whoami", bearer(secret));
            assertThat(whoami.json().get("name").textValue()).isEqualTo("ci");
            assertThat(whoami.json().get("role").textValue()).isEqualTo("data-scientist");
            HttpResult listed = server.http().get("/api/v1/tokens", bearer(ADMIN));
            assertThat(listed.body()).contains(id).doesNotContain(secret.substring(21));

            assertThat(server.http().send("DELETE", "/api/v1/tokens/" + id,
                    java.net.http.HttpRequest.BodyPublishers.noBody(), bearer(ADMIN)).status()).isEqualTo(204);
            HttpResult after = server.http().get("/api/v1/auth/whoami", bearer(secret));
            assertThat(after.status()).isEqualTo(401);
            assertThat(after.json().get("detail").textValue()).contains("revoked");
        }
    }

    @Test
    void badTokenRequestsAreClearClientErrors() {
        try (SecuredServer server = SecuredServer.start(dir)) {
            assertThat(server.http().postJson("/api/v1/tokens", "{\"name\":\"x\",\"role\":\"superuser\"}", bearer(ADMIN))
                    .json().get("detail").textValue()).contains("Unknown role", "data-scientist");
            assertThat(server.http().postJson("/api/v1/tokens", "{\"name\":\"x\",\"role\":\"approver\"}", bearer(ADMIN))
                    .status()).isEqualTo(400);
            assertThat(server.http().postJson("/api/v1/tokens", "{\"name\":\"x\",\"role\":\"viewer\",\"scopes\":[\"all\"]}",
                    bearer(ADMIN)).status()).isEqualTo(400);
            assertThat(server.http().postJson("/api/v1/tokens", "{\"name\":\"x\",\"role\":\"viewer\","
                    + "\"expires_in_days\":0}", bearer(ADMIN)).status()).isEqualTo(400);
            assertThat(server.http().send("DELETE", "/api/v1/tokens/nope", java.net.http.HttpRequest.BodyPublishers.noBody(),
                    bearer(ADMIN)).status()).isEqualTo(404);
        }
    }

    @Test
    void aGrantRaisesAViewerOnOneExperimentOnly() {
        try (SecuredServer server = SecuredServer.start(dir)) {
            String viewer = server.token("bob", "viewer", "");
            String shared = server.asAdmin("POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"shared\"}")
                    .get("experiment_id").textValue();
            String other = server.asAdmin("POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"other\"}")
                    .get("experiment_id").textValue();
            String sharedRun = run(server, shared);
            String otherRun = run(server, other);
            server.asAdmin("PUT", "/api/v1/grants", "{\"principal\":\"bob\",\"kind\":\"experiment\",\"resource_id\":\""
                    + shared + "\",\"permission\":\"EDIT\"}");

            // The run id is in the JSON body: the guard reads it, the handler still gets the whole body.
            String metric = "{\"run_id\":\"%s\",\"key\":\"loss\",\"value\":0.5,\"timestamp\":1,\"step\":3}";
            assertThat(server.http().postJson("/api/2.0/mlflow/runs/log-metric", metric.formatted(sharedRun),
                    bearer(viewer)).status()).isEqualTo(200);
            assertThat(server.http().postJson("/api/2.0/mlflow/runs/log-metric", metric.formatted(otherRun),
                    bearer(viewer)).status()).isEqualTo(403);
            HttpResult history = server.http().get("/api/2.0/mlflow/metrics/get-history?run_id=" + sharedRun
                    + "&metric_key=loss", bearer(viewer));
            assertThat(history.json().get("metrics").get(0).get("step").asLong()).isEqualTo(3);
            // EDIT is not MANAGE: the viewer still may not delete the run.
            assertThat(server.http().postJson("/api/2.0/mlflow/runs/delete", "{\"run_id\":\"" + sharedRun + "\"}",
                    bearer(viewer)).status()).isEqualTo(403);
        }
    }

    @Test
    void rateLimitAnswers429WithRetryAfter() {
        try (SecuredServer server = SecuredServer.start(dir, s -> s.withRateLimit(0.5, 3))) {
            String token = server.token("busy", "viewer", "");
            int[] statuses = new int[5];
            HttpResult last = null;
            for (int i = 0; i < statuses.length; i++) {
                last = server.http().get("/api/v1/experiments", bearer(token));
                statuses[i] = last.status();
            }
            assertThat(statuses).startsWith(200, 200, 200).endsWith(429);
            assertThat(Integer.parseInt(last.header("Retry-After"))).isBetween(1, 2);
            assertThat(last.json().get("code").textValue()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
            // Health probes are not limited.
            assertThat(server.http().get("/health/ready").status()).isEqualTo(200);
        }
    }

    @Test
    void metricsCanRequireAToken() {
        try (SecuredServer server = SecuredServer.start(dir, s -> s.withMetricsRequireToken(true))) {
            assertThat(server.http().get("/metrics").status()).isEqualTo(401);
            assertThat(server.http().get("/metrics", bearer(server.token("prom", "viewer", ""))).status())
                    .isEqualTo(200);
            assertThat(server.http().get("/health/live").status()).isEqualTo(200);
        }
    }

    private static String run(SecuredServer server, String experiment) {
        return server.asAdmin("POST", "/api/2.0/mlflow/runs/create", "{\"experiment_id\":\"" + experiment + "\"}")
                .get("run").get("info").get("run_id").textValue();
    }
}
