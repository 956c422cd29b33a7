package dev.sextant.cli.nativeapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.cli.CliFailure;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Calls Sextant's native API ({@code /api/v1}) with the CLI's token. A refusal becomes a one-line
 * {@link CliFailure}: {@link CliFailure#REFUSED} when the thing asked for does not exist (404) or
 * the server declined it (409: a gate failed, approvals are missing, the target moved), otherwise
 * {@link CliFailure#FAILED}.
 */
public final class NativeClient {
    public static final ObjectMapper JSON = new ObjectMapper();
    /** The native API's prefix, for paths given to {@link #download}. */
    public static final String API = "/api/v1";

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A response as it came. */
    public record Answer(int status, JsonNode body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    public NativeClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** {@code path} below /api/v1 with its leading slash, e.g. {@code /models/churn}; segments already encoded. */
    public JsonNode get(String path, Map<String, String> query) {
        return required(call("GET", path + queryString(query), "", ""));
    }

    public JsonNode get(String path) {
        return get(path, Map.of());
    }

    public JsonNode post(String path, JsonNode body) {
        return required(call("POST", path, write(body), "application/json"));
    }

    public JsonNode put(String path, String body, String contentType) {
        return required(call("PUT", path, body, contentType));
    }

    public JsonNode patch(String path, JsonNode body) {
        return required(call("PATCH", path, write(body), "application/json"));
    }

    public JsonNode delete(String path) {
        return required(call("DELETE", path, "", ""));
    }

    /** The raw answer, for verbs that report a refusal themselves. */
    public Answer call(String method, String path, String body, String contentType) {
        return exchange(method, path, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body), contentType);
    }

    /** Sends {@code file} as the body, streamed from disk; a 2xx answer's status tells 201 (created) from 200. */
    public Answer upload(String path, Map<String, String> query, Path file, String contentType) {
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.ofFile(file);
        } catch (FileNotFoundException e) {
            throw new CliFailure(CliFailure.FAILED, "cannot read " + file + ": no such file");
        }
        Answer answer = exchange("POST", path + queryString(query), body, contentType);
        required(answer);
        return answer;
    }

    private Answer exchange(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        HttpRequest.Builder request = authorised(HttpRequest.newBuilder(URI.create(baseUrl + API + path))
                .timeout(Duration.ofMinutes(10)).header("Accept", "application/json").method(method, body));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = exchange(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), parse(response.body()));
    }

    /**
     * Streams a file from a path of the server's own (not below /api/v1), e.g. the artifact proxy.
     * The caller closes the stream.
     */
    public InputStream download(String serverPath) {
        HttpRequest request = authorised(HttpRequest.newBuilder(URI.create(baseUrl + serverPath))
                .timeout(Duration.ofMinutes(10))).build();
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 200) {
            return response.body();
        }
        try (InputStream body = response.body()) {
            throw failure(new Answer(response.statusCode(), parse(new String(body.readAllBytes(), StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new CliFailure(CliFailure.FAILED, "HTTP " + response.statusCode() + " for " + serverPath);
        }
    }

    /** The body of a 2xx answer; otherwise a one-line failure with the problem's code and detail. */
    public JsonNode required(Answer answer) {
        if (answer.ok()) {
            return answer.body();
        }
        throw failure(answer);
    }

    public CliFailure failure(Answer answer) {
        StringBuilder detail = new StringBuilder(reason(answer));
        answer.body().path("problems").forEach(p -> detail.append("\n  line ").append(p.path("line").asInt())
                .append(": ").append(p.path("reason").asText()));
        if (answer.status() == 401 && token.isEmpty()) {
            detail.append(" (pass --token or set SEXTANT_TOKEN)");
        }
        int code = answer.status() == 404 || answer.status() == 409 ? CliFailure.REFUSED : CliFailure.FAILED;
        return new CliFailure(code, detail.toString());
    }

    /** Problem details ({@code code}, {@code detail}) or, from MLflow routes, {@code error_code} and {@code message}. */
    private String reason(Answer answer) {
        JsonNode body = answer.body();
        if (body.hasNonNull("detail")) {
            return body.path("code").asText("HTTP " + answer.status()) + ": " + body.path("detail").asText();
        }
        if (body.hasNonNull("error_code")) {
            return body.path("error_code").asText() + ": " + body.path("message").asText();
        }
        return "HTTP " + answer.status() + " from " + baseUrl;
    }

    private HttpRequest.Builder authorised(HttpRequest.Builder request) {
        return token.isEmpty() ? request : request.header("Authorization", "Bearer " + token);
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
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

    /** One path segment, percent-encoded (model names may hold spaces and other characters). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String write(JsonNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new CliFailure(CliFailure.FAILED, "could not encode the request: " + e.getOriginalMessage());
        }
    }

    private static String queryString(Map<String, String> query) {
        String text = query.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> segment(e.getKey()) + "=" + segment(e.getValue())).collect(Collectors.joining("&"));
        return text.isEmpty() ? "" : "?" + text;
    }

    private static JsonNode parse(String text) {
        try {
            return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }
}
