package dev.sextant.server.serving;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sustained inference traffic for the rollout tests: a few keep-alive clients sending one
 * request after another until stopped (or a time limit), counting answers by status and by the
 * version that gave them.
 */
final class LoadLoop implements AutoCloseable {
    static final Duration LIMIT = Duration.ofMinutes(3);

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> clients = new ArrayList<>();
    final AtomicLong ok = new AtomicLong();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    final Map<String, AtomicLong> byVersion = new ConcurrentHashMap<>();

    LoadLoop(String baseUrl, String path, String body, int concurrency) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        for (int c = 0; c < concurrency; c++) {
            Thread client = Thread.ofVirtual().start(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                while (running.get() && System.nanoTime() < deadline) {
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                            ok.incrementAndGet();
                            byVersion.computeIfAbsent(response.headers().firstValue("X-Model-Version").orElse("?"),
                                    v -> new AtomicLong()).incrementAndGet();
                        } else {
                            failures.add(response.statusCode() + " " + response.body());
                        }
                    } catch (IOException e) {
                        failures.add("I/O: " + e);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            clients.add(client);
        }
    }

    /** Waits until at least {@code more} further requests were answered. */
    void awaitMore(long more) throws InterruptedException {
        long target = ok.get() + more;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ok.get() < target && System.nanoTime() < deadline && failures.isEmpty()) {
            Thread.sleep(5);
        }
    }

    long answeredBy(String modelVersion) {
        AtomicLong count = byVersion.get(modelVersion);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(30));
        }
    }
}
