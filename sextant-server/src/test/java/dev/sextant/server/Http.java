package dev.sextant.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small JSON-over-HTTP client for tests, on java.net.http. */
public final class Http {
    private final String base;
    private final String[] defaults;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    public Http(String base) {
        this(base, new String[0]);
    }

    private Http(String base, String[] defaults) {
        this.base = base;
        this.defaults = defaults;
    }

    /** The same server, sending these headers (name, value, ...) on every request, e.g. a token. */
    public Http withHeaders(String... headers) {
        return new Http(base, headers.clone());
    }

    public String base() {
        return base;
    }

    public HttpResult get(String pathAndQuery, String... headers) {
        return send(request(pathAndQuery, headers).GET());
    }

    public HttpResult postJson(String path, String json, String... headers) {
        return sendJson("POST", path, json, headers);
    }

    public HttpResult sendJson(String method, String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .method(method, BodyPublishers.ofString(json)));
    }

    public HttpResult send(String method, String path, BodyPublisher body, String... headers) {
        return send(request(path, headers).method(method, body));
    }

    public HttpResponse<InputStream> stream(String pathAndQuery) {
        try {
            return client.send(request(pathAndQuery).GET().build(), BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<InputStream> stream(String method, String path, BodyPublisher body) {
        try {
            return client.send(request(path).method(method, body).build(), BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        for (int i = 0; i + 1 < defaults.length; i += 2) {
            builder.header(defaults[i], defaults[i + 1]);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private HttpResult send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = client.send(request.build(), BodyHandlers.ofByteArray());
            return new HttpResult(response.statusCode(), response.headers(),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
