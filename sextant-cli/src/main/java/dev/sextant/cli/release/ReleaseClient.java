package dev.sextant.cli.release;

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

/**
 * Calls the release routes of Sextant's native API. Refusals (409: a gate failed, approvals are
 * missing, the target moved) and unknown resources (404) exit with {@link CliFailure#REFUSED};
 * other client errors with {@link CliFailure#FAILED}.
 */
final class ReleaseClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A response as it came. */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    ReleaseClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    JsonNode get(String path, Map<String, String> query) {
        return required(call("GET", path + queryString(query), "", ""));
    }

    JsonNode post(String path, JsonNode body) {
        return required(call("POST", path, write(body), "application/json"));
    }

    JsonNode put(String path, String body, String contentType) {
        return required(call("PUT", path, body, contentType));
    }

    void delete(String path) {
        required(call("DELETE", path, "", ""));
    }

    /** The raw answer, for verbs that report a refusal themselves. */
    Answer call(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1" + path))
                .timeout(Duration.ofMinutes(10)).header("Accept", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliFailure(CliFailure.UNREACHABLE, "cannot reach a server at " + baseUrl
                    + "; start one with './sextant server' or point --server / SEXTANT_SERVER at it");
        } catch (IOException e) {
            throw new CliFailure(CliFailure.UNREACHABLE, "request to " + baseUrl + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(CliFailure.FAILED, "interrupted");
        }
        return new Answer(response.statusCode(), parse(response.body()));
    }

    /** The body of a 2xx answer; otherwise a one-line failure with the problem's code and detail. */
    JsonNode required(Answer answer) {
        if (answer.ok()) {
            return answer.body();
        }
        throw failure(answer);
    }

    CliFailure failure(Answer answer) {
        JsonNode body = answer.body();
        StringBuilder detail = new StringBuilder(body.hasNonNull("detail") ? body.path("code").asText("HTTP "
                + answer.status()) + ": " + body.path("detail").asText() : "HTTP " + answer.status() + " from " + baseUrl);
        body.path("problems").forEach(p -> detail.append("\n  line ").append(p.path("line").asInt()).append(": ")
                .append(p.path("reason").asText()));
        if (answer.status() == 401 && token.isEmpty()) {
            detail.append(" (pass --token or set SEXTANT_TOKEN)");
        }
        int code = answer.status() == 404 || answer.status() == 409 ? CliFailure.REFUSED : CliFailure.FAILED;
        return new CliFailure(code, detail.toString());
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String write(JsonNode body) {
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
