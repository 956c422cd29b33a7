package dev.sextant.cli.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.cli.CliFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Calls the MLflow-compatible tracking API, so the CLI works against Sextant and against any
 * MLflow server alike.
 */
public final class MlflowHttpClient {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public MlflowHttpClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public JsonNode get(String endpoint, Map<String, List<String>> query) {
        String queryString = query.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
        return send(request(endpoint + (queryString.isEmpty() ? "" : "?" + queryString)).GET().build());
    }

    public JsonNode post(String endpoint, Object body) {
        return postOrEmptyOn(endpoint, body, "").orElseThrow();
    }

    /** Posts; an error answer with MLflow error code {@code errorCode} is an empty result, not a failure. */
    public Optional<JsonNode> postOrEmptyOn(String endpoint, Object body, String errorCode) {
        try {
            String json = JSON.writeValueAsString(body);
            return send(request(endpoint).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), errorCode);
        } catch (JsonProcessingException e) {
            throw new CliFailure(CliFailure.FAILED, "could not encode request: " + e.getOriginalMessage());
        }
    }

    /** Gets; an error answer with MLflow error code {@code errorCode} is an empty result, not a failure. */
    public Optional<JsonNode> getOrEmptyOn(String endpoint, Map<String, List<String>> query, String errorCode) {
        String queryString = query.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
        return send(request(endpoint + (queryString.isEmpty() ? "" : "?" + queryString)).GET().build(), errorCode);
    }

    /** Uploads a file through the artifact proxy, {@code path} relative to its root. */
    public void putArtifact(String path, byte[] content) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + "/api/2.0/mlflow-artifacts/artifacts/"
                        + path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        if (!token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        send(builder.build());
    }

    private HttpRequest.Builder request(String endpoint) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + "/api/2.0/mlflow/" + endpoint))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (!token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private JsonNode send(HttpRequest request) {
        return send(request, "").orElseThrow();
    }

    private Optional<JsonNode> send(HttpRequest request, String toleratedErrorCode) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw unreachable();
        } catch (IOException e) {
            throw new CliFailure(CliFailure.UNREACHABLE, "request to " + baseUrl + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(CliFailure.FAILED, "interrupted");
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            if (!toleratedErrorCode.isEmpty() && toleratedErrorCode.equals(body.path("error_code").asText())) {
                return Optional.empty();
            }
            int exitCode = response.statusCode() == 404 ? CliFailure.REFUSED : CliFailure.FAILED;
            throw new CliFailure(exitCode, describeError(response.statusCode(), body, response.body()));
        }
        return Optional.of(body);
    }

    private CliFailure unreachable() {
        return new CliFailure(CliFailure.UNREACHABLE, "cannot reach a server at " + baseUrl
                + "; start one with './sextant server' or point --server / SEXTANT_SERVER at it");
    }

    private static JsonNode parse(String text) {
        try {
            return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    private static String describeError(int status, JsonNode body, String raw) {
        if (body.hasNonNull("error_code")) {
            return body.path("error_code").asText() + ": " + body.path("message").asText();
        }
        String text = raw.length() > 200 ? raw.substring(0, 200) + "…" : raw;
        return "HTTP " + status + (text.isBlank() ? "" : ": " + text.strip());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
