package dev.sextant.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.Http;
import dev.sextant.server.HttpResult;
import dev.sextant.server.TestServer;
import dev.sextant.server.config.Secret;
import dev.sextant.server.config.SecurityConfig;
import dev.sextant.server.config.SextantConfig;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** A real server on loopback with authentication configured, and helpers to act as its admin. */
final class SecuredServer implements AutoCloseable {
    static final String ADMIN = "admin-token-for-tests-0123456789abcdef";

    private final TestServer server;

    private SecuredServer(TestServer server) {
        this.server = server;
    }

    static SecuredServer start(Path dir) {
        return start(dir, UnaryOperator.identity());
    }

    static SecuredServer start(Path dir, UnaryOperator<SecurityConfig> adjust) {
        UnaryOperator<SextantConfig> config = c -> c.withSecurity(adjust.apply(c.security()
                .withAdminToken(Secret.of(ADMIN)).withRateLimit(0, 1)));
        return new SecuredServer(TestServer.start(dir, config));
    }

    TestServer server() {
        return server;
    }

    Http http() {
        return server.http();
    }

    static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    /** Creates a token through the API as the admin and returns its secret text. */
    String token(String name, String role, String extraJson) {
        HttpResult created = http().postJson("/api/v1/tokens", "{\"name\":\"" + name + "\",\"role\":\"" + role + "\""
                + extraJson + "}", bearer(ADMIN));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("secret").textValue();
    }

    JsonNode asAdmin(String method, String path, String json) {
        HttpResult result = http().sendJson(method, path, json, bearer(ADMIN));
        assertThat(result.status()).as(method + " " + path + ": " + result.body()).isLessThan(300);
        return result.body().isEmpty() ? HttpResult.parse("{}") : result.json();
    }

    @Override
    public void close() {
        server.close();
    }
}
