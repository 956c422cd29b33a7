package dev.sextant.server.release;

import static dev.sextant.server.release.WeatherModels.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sextant.release.webhook.WebhookSigner;
import dev.sextant.server.Http;
import dev.sextant.server.ModelPackages;
import dev.sextant.server.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks against a real HTTP receiver on loopback: signed bodies, retries with growing delays
 * while the receiver fails, and the delivery history the API reports.
 */
class WebhookDeliveryIT {
    @TempDir
    static Path dir;
    static TestServer server;
    static Http http;
    static HttpServer receiver;
    static final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    /** How many more version events the receiver answers with 503. */
    static final AtomicInteger failuresLeft = new AtomicInteger();

    /** One request as the receiver saw it, and when (System.nanoTime). */
    record Received(String event, String delivery, String attempt, String signature, byte[] body, long nanos) {
    }

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(dir.resolve("server"));
        http = server.http();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Sextant-Event"),
                    exchange.getRequestHeaders().getFirst("X-Sextant-Delivery"),
                    exchange.getRequestHeaders().getFirst("X-Sextant-Attempt"),
                    exchange.getRequestHeaders().getFirst(WebhookSigner.HEADER), body, System.nanoTime()));
            boolean failing = "model_version.created".equals(exchange.getRequestHeaders().getFirst("X-Sextant-Event"))
                    && failuresLeft.getAndDecrement() > 0;
            int status = failing ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
        server.close();
    }

    @Test
    void aPromotionReachesTheReceiverSignedAfterRetriesWithBackoff() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        String model = WeatherModels.unique("hooked");
        ok(http.postJson("/api/v1/models", "{\"name\": \"" + model + "\"}"));
        JsonNode webhook = ok(http.postJson("/api/v1/webhooks", "{\"url\": \"" + url + "\", \"events\": [\"model.promoted\","
                + " \"model_version.created\"], \"model\": \"" + model + "\"}"));
        String secret = webhook.path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(ok(http.get("/api/v1/webhooks/" + webhook.path("id").asText())).has("secret")).isFalse();

        String run = run();
        failuresLeft.set(2);
        ok(http.postJson("/api/v1/models/" + model + "/versions", "{\"source\": \"runs:/" + run + "/model\"}"));
        JsonNode promoted = ok(http.postJson("/api/v1/models/" + model + "/promotions", "{\"version\": 1, \"target\": "
                + "\"Production\", \"reason\": \"first\"}"));

        List<Received> created = await("model_version.created", 3);
        List<Received> promotions = await("model.promoted", 1);

        // The version event failed twice; its retries carry the same body and signature.
        assertThat(created).extracting(Received::attempt).containsExactly("1", "2", "3");
        assertThat(created).extracting(Received::delivery).containsOnly(created.getFirst().delivery());
        for (Received r : created) {
            assertThat(WebhookSigner.verify(secret, r.body(), r.signature())).isTrue();
            assertThat(r.body()).isEqualTo(created.getFirst().body());
        }
        // Backoff: 1 s then 2 s, each with ±20% jitter.
        assertThat(Duration.ofNanos(created.get(1).nanos() - created.get(0).nanos()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(790));
        assertThat(Duration.ofNanos(created.get(2).nanos() - created.get(1).nanos()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(1590));
        assertThat(WebhookSigner.verify("whsec_some_other_secret", created.getFirst().body(), created.getFirst().signature()))
                .isFalse();

        JsonNode promotion = new ObjectMapper().readTree(promotions.getFirst().body());
        assertThat(promotion.path("type").asText()).isEqualTo("model.promoted");
        assertThat(promotion.path("model").asText()).isEqualTo(model);
        assertThat(promotion.path("version").asLong()).isEqualTo(1);
        assertThat(promotion.path("data").path("target").asText()).isEqualTo("Production");
        assertThat(promotion.path("data").path("reason").asText()).isEqualTo("first");
        assertThat(promotion.path("data").path("sequence").asLong()).isEqualTo(promoted.path("sequence").asLong());

        JsonNode deliveries = awaitDelivered(webhook.path("id").asText(), 2);
        JsonNode versionDelivery = find(deliveries, "model_version.created");
        assertThat(versionDelivery.path("status").asText()).isEqualTo("delivered");
        assertThat(versionDelivery.path("attempts").asInt()).isEqualTo(3);
        assertThat(versionDelivery.path("attempt_history")).extracting(a -> a.path("status_code").asInt())
                .containsExactly(503, 503, 204);
        assertThat(versionDelivery.path("attempt_history").get(0).path("error").asText())
                .isEqualTo("the receiver answered 503");
        assertThat(find(deliveries, "model.promoted").path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void webhookUrlsAndEventsAreChecked() {
        assertThat(http.postJson("/api/v1/webhooks", "{\"url\": \"ftp://example.org/x\"}").status()).isEqualTo(400);
        assertThat(http.postJson("/api/v1/webhooks", "{\"url\": \"http://127.0.0.1:1/x\", \"events\": [\"model.deleted\"]}")
                .json().path("detail").asText()).contains("Unknown event type 'model.deleted'");
        assertThat(http.postJson("/api/v1/webhooks", "{\"url\": \"http://127.0.0.1:1/x\", \"secret\": \"short\"}")
                .status()).isEqualTo(400);
    }

    private static String run() {
        String experiment = ok(http.postJson("/api/2.0/mlflow/experiments/create", "{\"name\": \""
                + WeatherModels.unique("exp") + "\"}")).path("experiment_id").asText();
        JsonNode info = ok(http.postJson("/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"" + experiment + "\"}"))
                .path("run").path("info");
        ModelPackages.logLogreg(http, info.path("run_id").asText(), info.path("artifact_uri").asText(), "model", true);
        return info.path("run_id").asText();
    }

    private static List<Received> await(String event, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<Received> matching;
            synchronized (received) {
                matching = received.stream().filter(r -> r.event().equals(event)).toList();
            }
            if (matching.size() >= count) {
                return matching;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the receiver did not get " + count + " " + event + " deliveries: " + received);
    }

    private static JsonNode awaitDelivered(String webhook, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode deliveries = ok(http.get("/api/v1/webhooks/" + webhook + "/deliveries")).path("deliveries");
        while (System.nanoTime() < deadline) {
            deliveries = ok(http.get("/api/v1/webhooks/" + webhook + "/deliveries")).path("deliveries");
            int delivered = 0;
            for (JsonNode d : deliveries) {
                delivered += d.path("status").asText().equals("delivered") ? 1 : 0;
            }
            if (delivered >= count) {
                return deliveries;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("deliveries did not complete: " + deliveries);
    }

    private static JsonNode find(JsonNode deliveries, String event) {
        for (JsonNode d : deliveries) {
            if (d.path("event_type").asText().equals(event)) {
                return d;
            }
        }
        throw new AssertionError("no " + event + " delivery in " + deliveries);
    }
}
