package dev.sextant.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.server.Http;
import dev.sextant.server.HttpResult;
import dev.sextant.server.LogCapture;
import dev.sextant.server.SextantServer;
import dev.sextant.server.config.ConfigLoader;
import dev.sextant.server.config.SextantConfig;
import dev.sextant.server.secrets.VaultKvServerAccess;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets from Vault, the environment and issued tokens never appear in the log (at DEBUG) nor in
 * any response, including error responses to wrong credentials; the token creation response is the
 * one place an issued token is shown.
 */
class SecretsStayHiddenIT {
    private static final String ADMIN = "admin-from-vault-9f8e7d6c5b4a39281706";
    private static final String STORE_PASSWORD = "store-password-from-vault-5150";
    private static final String VAULT_TOKEN = "hvs.vault-token-for-test-0042";

    @TempDir
    Path dir;

    @Test
    void noSecretInLogsOrResponses() throws Exception {
        try (var vault = VaultKvServerAccess.start(VAULT_TOKEN, Map.of("admin", ADMIN, "store", STORE_PASSWORD));
             LogCapture logs = new LogCapture()) {
            SextantConfig config = ConfigLoader.load(Map.of("server.port", "0", "data-dir", dir.toString(),
                    "store.user", "sextant", "store.password", "vault:secret/sextant#store", "log.level", "DEBUG"),
                    Map.of("VAULT_ADDR", vault.address(), "VAULT_TOKEN", VAULT_TOKEN,
                            "SEXTANT_ADMIN_TOKEN", "vault:secret/sextant#admin"));
            List<HttpResult> responses = new ArrayList<>();
            String issued;
            try (SextantServer server = SextantServer.start(config)) {
                Http http = new Http("http://127.0.0.1:" + server.port());
                String[] admin = {"Authorization", "Bearer " + ADMIN};
                HttpResult created = http.postJson("/api/v1/tokens", "{\"name\":\"app\",\"role\":\"data-scientist\"}", admin);
                issued = created.json().get("secret").textValue();
                String[] user = {"Authorization", "Bearer " + issued};
                responses.add(http.get("/api/v1/tokens", admin));
                responses.add(http.get("/api/v1/auth/whoami", user));
                responses.add(http.get("/api/v1/audit", admin));
                responses.add(http.postJson("/api/2.0/mlflow/experiments/create", "{\"name\":\"e\"}", user));
                responses.add(http.postJson("/api/2.0/mlflow/experiments/create", "{\"name\":\"e\"}", user)); // duplicate
                responses.add(http.get("/api/v1/tokens", user)); // 403
                responses.add(http.get("/api/v1/experiments", "Authorization", "Bearer " + issued + "x")); // 401
                responses.add(http.get("/api/v1/experiments", "Authorization", "Bearer " + ADMIN.substring(1)));
                responses.add(http.get("/api/v1/experiments", "Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(("u:" + STORE_PASSWORD).getBytes())));
                responses.add(http.send("POST", "/api/v1/tokens", BodyPublishers.ofString("{\"name\":"), admin));
                responses.add(http.get("/metrics"));
                assertThat(responses).extracting(HttpResult::status)
                        .containsExactly(200, 200, 200, 200, 400, 403, 401, 401, 401, 415, 200);
            }
            for (String secret : List.of(ADMIN, STORE_PASSWORD, VAULT_TOKEN, issued)) {
                assertThat(logs.text()).as("log").doesNotContain(secret);
                for (HttpResult response : responses) {
                    assertThat(response.body() + response.headers().map()).doesNotContain(secret);
                }
            }
            assertThat(logs.text()).contains("admin-token=****", "store.password=****");
        }
    }
}
