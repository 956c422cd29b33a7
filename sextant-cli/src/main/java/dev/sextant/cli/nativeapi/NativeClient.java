package dev.sextant.cli.nativeapi;

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
import java.util.Map;
import java.util.stream.Collectors;

/** Calls Sextant's native API ({@code /api/v1}) with the CLI's token; errors become one-line failures. */
public final class NativeClient {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public NativeClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** {@code path} below /api/v1 with its leading slash, e.g. {@code /models/churn}; segments already encoded. */
    public JsonNode get(String path, Map<String, String> query) {
        String queryString = query.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        return send(request(path + (queryString.isEmpty() ? "" : "?" + queryString)).GET().build());
    }

    public JsonNode post(String path, JsonNode body) {
        try {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        } catch (JsonProcessingException e) {
            throw new CliFailure(CliFailure.FAILED, "could not encode request: " + e.getOriginalMessage());
        }
    }

    public JsonNode delete(String path) {
        return send(request(path).DELETE().build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1" + path))
                .timeout(Duration.ofSeconds(120))
                .header("Accept", "application/json");
        if (!token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliFailure(CliFailure.UNREACHABLE, "cannot reach a server at " + baseUrl
                    + "; start one with './sextant server' or point --server / SEXTANT_SERVER at it");
        } catch (IOException e) {
            throw new CliFailure(CliFailure.UNREACHABLE, "request to " + baseUrl + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(CliFailure.FAILED, "interrupted");
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            String detail = body.hasNonNull("detail") ? body.path("code").asText("HTTP " + response.statusCode()) + ": "
                    + body.path("detail").asText() : "HTTP " + response.statusCode();
            if (response.statusCode() == 401 && token.isEmpty()) {
                detail += " (pass --token or set SEXTANT_TOKEN)";
            }
            throw new CliFailure(CliFailure.FAILED, detail);
        }
        return body;
    }

    /** One path segment, percent-encoded (model names may hold spaces and other characters). */
    public static String segment(String value) {
        return encode(value).replace("+", "%20");
    }

    private static JsonNode parse(String text) {
        try {
            return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
