package dev.sextant.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small raw HTTP client for what the MLflow Java client cannot say. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MLFLOW = "/api/2.0/mlflow/";
    static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts";

    private final String baseUrl;
    private final String token;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    Http(String baseUrl) {
        this(baseUrl, "");
    }

    /** Every request carries {@code token} as a bearer token ("" for none). */
    Http(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** A response with its body as text; {@link #json()} parses it. */
    record Response(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON (HTTP " + status + "): " + abbreviate(body), e);
            }
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + contentType() + " " + abbreviate(body);
        }
    }

    Response get(String pathAndQuery) {
        return send(request(pathAndQuery).GET());
    }

    Response postJson(String path, Object body) {
        return send("POST", path, "application/json", BodyPublishers.ofString(write(body)));
    }

    Response send(String method, String path, String contentType, BodyPublisher body) {
        HttpRequest.Builder builder = request(path).method(method, body);
        if (!contentType.isEmpty()) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    Response send(String method, String path, String contentType, byte[] body) {
        return send(method, path, contentType, BodyPublishers.ofByteArray(body));
    }

    /** Sends with a custom response handler (e.g. to stream a large download). */
    <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(120));
        return token.isEmpty() ? builder : builder.header("Authorization", "Bearer " + token);
    }

    /** POSTs to an MLflow endpoint and demands 200, returning the parsed body. */
    JsonNode mlflowPost(String endpoint, Object body) {
        return ok(postJson(MLFLOW + endpoint, body), "POST " + endpoint);
    }

    /** GETs an MLflow endpoint (query already encoded) and demands 200. */
    JsonNode mlflowGet(String endpointAndQuery) {
        return ok(get(MLFLOW + endpointAndQuery), "GET " + endpointAndQuery);
    }

    private Response send(HttpRequest.Builder builder) {
        HttpResponse<String> response = exchange(builder.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(response.statusCode(), response.headers(), response.body());
    }

    private static JsonNode ok(Response response, String what) {
        if (response.status() != 200) {
            throw new AssertionError(what + " answered " + response);
        }
        return response.body().isBlank() ? JSON.createObjectNode() : response.json();
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static String write(Object body) {
        if (body instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…(" + text.length() + " chars)" : text;
    }
}
