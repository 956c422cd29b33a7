package dev.sextant.server.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server that answers the parts of HashiCorp Vault's HTTP API the client uses, with
 * the request and response shapes of Vault's documentation: KV version 2 reads
 * ({@code GET /v1/<mount>/data/<path>}, {@code X-Vault-Token}, optional {@code X-Vault-Namespace})
 * and AppRole login ({@code POST /v1/auth/<path>/login}). No Vault binary can be installed in this
 * build, so this stands in for one; it checks tokens and namespaces as Vault does.
 */
final class VaultKvServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final String namespace;
    private String roleId = "";
    private String secretId = "";

    private VaultKvServer(String namespace) throws IOException {
        this.namespace = namespace;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/", this::handle);
        server.start();
    }

    static VaultKvServer start(String namespace) throws IOException {
        return new VaultKvServer(namespace);
    }

    String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    VaultKvServer token(String token) {
        tokens.put(token, "token");
        return this;
    }

    VaultKvServer appRole(String role, String secret) {
        this.roleId = role;
        this.secretId = secret;
        return this;
    }

    /** Writes a secret in the KV v2 engine mounted at {@code mount}. */
    VaultKvServer put(String mount, String path, Map<String, String> data) {
        secrets.put("/v1/" + mount + "/data/" + path, Map.copyOf(data));
        return this;
    }

    int reads() {
        return reads.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!namespace.equals(header(exchange, "X-Vault-Namespace"))) {
                send(exchange, 403, errors("permission denied"));
                return;
            }
            if (exchange.getRequestMethod().equals("POST") && path.matches("/v1/auth/[^/]+/login")) {
                login(exchange);
                return;
            }
            if (!exchange.getRequestMethod().equals("GET") || !path.contains("/data/")) {
                send(exchange, 404, errors());
                return;
            }
            if (!tokens.containsKey(header(exchange, "X-Vault-Token"))) {
                send(exchange, 403, errors("permission denied"));
                return;
            }
            Map<String, String> data = secrets.get(path);
            if (data == null) {
                send(exchange, 404, errors());
                return;
            }
            reads.incrementAndGet();
            ObjectNode body = JSON.createObjectNode()
                    .put("request_id", "c7c4a8a1-6f31-4e8c-9e29-6b0b0c6b1a11")
                    .put("lease_id", "")
                    .put("renewable", false)
                    .put("lease_duration", 0);
            ObjectNode outer = body.putObject("data");
            outer.set("data", JSON.valueToTree(data));
            outer.putObject("metadata").put("created_time", "2018-03-22T02:24:06.945319214Z").putNull("custom_metadata")
                    .put("deletion_time", "").put("destroyed", false).put("version", 1);
            body.putNull("wrap_info").putNull("warnings").putNull("auth");
            send(exchange, 200, body);
        }
    }

    private void login(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        if (roleId.isEmpty() || !roleId.equals(request.path("role_id").asText())
                || !secretId.equals(request.path("secret_id").asText())) {
            send(exchange, 400, errors("invalid role or secret ID"));
            return;
        }
        String token = "hvs.approle-" + tokens.size();
        tokens.put(token, "approle");
        ObjectNode body = JSON.createObjectNode().put("request_id", "0f3a2e9c-0000-4000-8000-000000000001");
        body.putObject("auth").put("client_token", token).put("accessor", "acc-" + token)
                .put("lease_duration", 1200).put("renewable", true)
                .set("policies", JSON.createArrayNode().add("default").add("sextant"));
        send(exchange, 200, body);
    }

    private static String header(HttpExchange exchange, String name) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null ? "" : value;
    }

    private static ObjectNode errors(String... messages) {
        ObjectNode body = JSON.createObjectNode();
        var list = body.putArray("errors");
        for (String m : messages) {
            list.add(m);
        }
        return body;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
