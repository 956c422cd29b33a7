package dev.sextant.cli.data;

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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Calls the dataset routes of the native API. Unknown datasets and versions (404) exit with
 * {@link CliFailure#REFUSED}; other client errors (a file the server cannot read, a caller
 * without the permission) with {@link CliFailure#FAILED}.
 */
final class DatasetClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A 2xx answer: its status and body. */
    record Answer(int status, JsonNode body) {
    }

    DatasetClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    JsonNode get(String path) {
        return send(request(path).GET()).body();
    }

    /** Sends {@code file} as the body, streamed from disk. */
    Answer post(String path, Map<String, String> query, Path file, String contentType) {
        try {
            return send(request(path + queryString(query)).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofFile(file)));
        } catch (java.io.FileNotFoundException e) {
            throw new CliFailure(CliFailure.FAILED, "cannot read " + file + ": no such file");
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1" + path))
                .timeout(Duration.ofMinutes(10)).header("Accept", "application/json");
        if (!token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder request) {
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
        JsonNode body = parse(response.body());
        int status = response.statusCode();
        if (status / 100 == 2) {
            return new Answer(status, body);
        }
        String detail = body.hasNonNull("detail") ? body.path("code").asText("HTTP " + status) + ": "
                + body.path("detail").asText() : "HTTP " + status + " from " + baseUrl;
        if (status == 401 && token.isEmpty()) {
            detail += " (pass --token or set SEXTANT_TOKEN)";
        }
        throw new CliFailure(status == 404 ? CliFailure.REFUSED : CliFailure.FAILED, detail);
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
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
