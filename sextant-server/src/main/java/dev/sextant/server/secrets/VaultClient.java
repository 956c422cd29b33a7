package dev.sextant.server.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.api.SextantException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads secrets from HashiCorp Vault's KV version 2 engine over its HTTP API, authenticated by a
 * token or by AppRole (role id + secret id, exchanged once for a token). Used at start-up only;
 * each secret path is read once. Messages name the reference and Vault's answer, never a value.
 */
public final class VaultClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI address;
    private final String namespace;
    private final Login login;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Map<String, JsonNode> secrets = new HashMap<>();
    private String token = "";

    /** How the client gets its token. */
    public sealed interface Login {
        record Token(String token) implements Login {
        }

        record AppRole(String mountPath, String roleId, String secretId) implements Login {
        }
    }

    public VaultClient(URI address, String namespace, Login login) {
        this.address = address;
        this.namespace = namespace;
        this.login = login;
    }

    /** The value of the reference; fails with a message that says what to fix. */
    public synchronized String read(VaultReference reference) {
        JsonNode data = secrets.get(reference.apiPath());
        if (data == null) {
            data = fetch(reference);
            secrets.put(reference.apiPath(), data);
        }
        JsonNode value = data.get(reference.key());
        if (value == null || value.isNull()) {
            throw new VaultFailure("Vault secret " + reference.mount() + "/" + reference.path() + " has no key '"
                    + reference.key() + "'. Add it or fix the reference " + reference + ".");
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }

    private JsonNode fetch(VaultReference reference) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(address.resolve(reference.apiPath()))
                .header("X-Vault-Token", token()).GET(), reference.toString());
        JsonNode body = parse(response.body());
        if (response.statusCode() == 404) {
            throw new VaultFailure("Vault has no KV v2 secret at " + reference.mount() + "/" + reference.path()
                    + " (" + reference + "). Write it, or check that '" + reference.mount() + "' is a KV version 2 mount.");
        }
        if (response.statusCode() == 403) {
            throw new VaultFailure("Vault refused to read " + reference + " (403 permission denied). Give the token "
                    + "a policy with read on " + reference.mount() + "/data/" + reference.path() + ".");
        }
        if (response.statusCode() != 200) {
            throw new VaultFailure("Vault answered " + response.statusCode() + " to reading " + reference + errors(body)
                    + ".");
        }
        JsonNode data = body.path("data").path("data");
        if (!data.isObject()) {
            throw new VaultFailure("Vault's answer for " + reference + " has no data.data object: is '"
                    + reference.mount() + "' a KV version 2 mount?");
        }
        return data;
    }

    private String token() {
        if (!token.isEmpty()) {
            return token;
        }
        token = switch (login) {
            case Login.Token t -> t.token();
            case Login.AppRole role -> appRoleLogin(role);
        };
        return token;
    }

    private String appRoleLogin(Login.AppRole role) {
        String body = JSON.createObjectNode().put("role_id", role.roleId()).put("secret_id", role.secretId()).toString();
        String what = "AppRole login at auth/" + role.mountPath();
        HttpResponse<String> response = send(HttpRequest.newBuilder(address.resolve("/v1/auth/" + role.mountPath()
                + "/login")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)),
                what);
        JsonNode answer = parse(response.body());
        String clientToken = answer.path("auth").path("client_token").asText("");
        if (response.statusCode() != 200 || clientToken.isEmpty()) {
            throw new VaultFailure("Vault " + what + " failed with " + response.statusCode() + errors(answer)
                    + ". Check vault.role-id and vault.secret-id.");
        }
        return clientToken;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) {
        request.timeout(TIMEOUT);
        if (!namespace.isEmpty()) {
            request.header("X-Vault-Namespace", namespace);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new VaultFailure("Cannot reach Vault at " + address + " for " + what + ": " + e.getClass().getSimpleName()
                    + ". Check vault.address (or VAULT_ADDR).");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaultFailure("Interrupted while reading " + what + " from Vault.");
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** Vault's {@code errors} list, which names the problem without echoing secrets. */
    private static String errors(JsonNode body) {
        JsonNode errors = body.path("errors");
        return errors.isArray() && !errors.isEmpty() ? " (" + errors.toString() + ")" : "";
    }

    /** Reading from Vault failed; the message is safe to show. */
    public static final class VaultFailure extends SextantException {
        private static final long serialVersionUID = 1L;

        VaultFailure(String message) {
            super(dev.sextant.api.ErrorCode.INVALID_PARAMETER_VALUE, message);
        }
    }
}
