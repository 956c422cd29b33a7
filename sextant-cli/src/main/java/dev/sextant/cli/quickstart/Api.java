package dev.sextant.cli.quickstart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The server's HTTP API, called the way any client calls it: JSON over HTTP with a person's
 * token. An answer other than 2xx stops the loop with the server's own words.
 */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();

    /** An answer as it came. */
    record Answer(int status, JsonNode body, String retryAfter) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code path} with its leading slash, e.g. {@code /api/v1/models}. */
    String url(String path) {
        return baseUrl + path;
    }

    JsonNode get(Person who, String path) {
        return required("GET", path, call(who, "GET", path, "", ""));
    }

    JsonNode post(Person who, String path, JsonNode body) {
        return required("POST", path, call(who, "POST", path, "application/json", write(body)));
    }

    JsonNode put(Person who, String path, JsonNode body) {
        return required("PUT", path, call(who, "PUT", path, "application/json", write(body)));
    }

    JsonNode put(Person who, String path, String body, String contentType) {
        return required("PUT", path, call(who, "PUT", path, contentType, body));
    }

    /** The raw answer, for callers that handle refusals themselves. */
    Answer call(Person who, String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(TIMEOUT)
                .header("Accept", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        if (!who.token().isEmpty()) {
            request.header("Authorization", "Bearer " + who.token());
        }
        HttpResponse<String> response = send(request.build());
        return new Answer(response.statusCode(), parse(response.body()),
                response.headers().firstValue("Retry-After").orElse(""));
    }

    /** A plain-text resource such as {@code /metrics}. */
    String text(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url(path))).timeout(TIMEOUT).GET().build());
        if (response.statusCode() != 200) {
            throw new LoopFailure("GET " + path + " answered HTTP " + response.statusCode() + ".");
        }
        return response.body();
    }

    /** One path segment, percent-encoded. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LoopFailure(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoopFailure("interrupted", e);
        }
    }

    private static JsonNode required(String method, String path, Answer answer) {
        if (answer.ok()) {
            return answer.body();
        }
        JsonNode body = answer.body();
        String reason = body.hasNonNull("detail") ? body.path("code").asText("") + ": " + body.path("detail").asText()
                : body.hasNonNull("message") ? body.path("error_code").asText("") + ": " + body.path("message").asText()
                : "no details";
        throw new LoopFailure(method + " " + path + " answered HTTP " + answer.status() + " (" + reason + ")");
    }

    private static String write(JsonNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode a request body", e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }
}
