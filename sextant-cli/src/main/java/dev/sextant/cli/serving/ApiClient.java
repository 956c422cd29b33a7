package dev.sextant.cli.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.cli.CliFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls Sextant's HTTP APIs for the serving verbs; a refusal becomes a one-line failure with the
 * problem's code (exit 3 when the thing asked for does not exist, 1 otherwise).
 */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ApiClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    /** {@code body} null sends none. */
    JsonNode send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofMinutes(5)).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = call(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode parsed = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw refusal(response.statusCode(), parsed);
        }
        return parsed;
    }

    /** Downloads a file from the artifact proxy. */
    InputStream download(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(10));
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response = call(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                throw refusal(response.statusCode(), parse(new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new CliFailure(CliFailure.FAILED, "HTTP " + response.statusCode() + " for " + path);
            }
        }
        return response.body();
    }

    private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException e) {
            throw new CliFailure(CliFailure.UNREACHABLE, "cannot reach a server at " + baseUrl
                    + "; start one with './sextant server' or point --server / SEXTANT_SERVER at it");
        } catch (IOException e) {
            throw new CliFailure(CliFailure.UNREACHABLE, "request to " + baseUrl + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(CliFailure.FAILED, "interrupted");
        }
    }

    private CliFailure refusal(int status, JsonNode body) {
        String message = body.hasNonNull("code") ? body.path("code").asText() + ": " + body.path("detail").asText()
                : body.hasNonNull("error_code") ? body.path("error_code").asText() + ": " + body.path("message").asText()
                : "HTTP " + status + " from " + baseUrl;
        if (status == 401 && token.isEmpty()) {
            message += " (pass --token or set SEXTANT_TOKEN)";
        }
        return new CliFailure(status == 404 ? CliFailure.UNREACHABLE : CliFailure.FAILED, message);
    }

    private static JsonNode parse(String text) {
        try {
            return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }
}
