package dev.sextant.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.Http;
import dev.sextant.server.HttpResult;
import dev.sextant.server.LogCapture;
import dev.sextant.server.ServerTest;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import org.junit.jupiter.api.Test;

class ObservabilityIT extends ServerTest {
    @Test
    void healthProbes() {
        HttpResult live = http.get("/health/live");
        HttpResult ready = http.get("/health/ready");

        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().get("status").textValue()).isEqualTo("UP");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(http.postJson("/health/live", "{}").status()).isEqualTo(405);
    }

    @Test
    void readinessWaitsForTheServerToSayItIsReady() {
        try (Observability observability = new Observability()) {
            WebServer bare = WebServer.builder().host("127.0.0.1").port(0)
                    .routing(HttpRouting.builder().register(observability.routes())).build().start();
            try {
                Http probe = new Http("http://127.0.0.1:" + bare.port());
                assertThat(probe.get("/health/ready").status()).isEqualTo(503);
                assertThat(probe.get("/health/live").status()).isEqualTo(200);
                observability.markReady();
                assertThat(probe.get("/health/ready").status()).isEqualTo(200);
            } finally {
                bare.stop();
            }
        }
    }

    @Test
    void metricsAreLabelledByRouteTemplate() {
        http.postJson("/api/2.0/mlflow/experiments/create", "{\"name\":\"metered\"}");
        http.get("/api/v1/experiments/12345");
        http.get("/api/v1/experiments/67890");
        http.get("/no/such/path/123");

        HttpResult metrics = http.get("/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        String text = metrics.body();
        assertThat(text).contains("sextant_http_requests_total{method=\"POST\","
                + "route=\"/api/2.0/mlflow/experiments/create\",status=\"200\"}");
        assertThat(text).contains("route=\"/api/v1/experiments/{id}\",status=\"404\"} 2.0");
        assertThat(text).contains("route=\"unmatched\",status=\"404\"");
        assertThat(text).doesNotContain("12345").doesNotContain("/no/such/path");
        assertThat(text).contains("sextant_http_request_duration_seconds_bucket{");
        assertThat(text).contains("jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads",
                "jvm_classes_loaded_classes", "system_cpu_count", "process_uptime_seconds");
    }

    @Test
    void requestIdIsEchoedAndLogged() {
        LogCapture.level("dev.sextant.server.access", Level.DEBUG);
        try (LogCapture logs = new LogCapture()) {
            HttpResult ok = http.get("/health/live", "X-Request-Id", "req-42");

            assertThat(ok.header("X-Request-Id")).isEqualTo("req-42");
            // The access line is written when the handler returns, just after the client has its answer.
            awaitLine(logs, "req-42");
            assertThat(logs.lines()).anySatisfy(line -> {
                JsonNode event = HttpResult.parse(line);
                assertThat(event.get("logger_name").textValue()).isEqualTo("dev.sextant.server.access");
                assertThat(event.get("request_id").textValue()).isEqualTo("req-42");
                assertThat(event.get("message").textValue()).contains("GET /health/live 200");
            });
        } finally {
            LogCapture.level("dev.sextant.server.access", Level.INFO);
        }
    }

    private static void awaitLine(LogCapture logs, String text) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!logs.text().contains(text) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    @Test
    void successfulRequestsAreNotLoggedAtInfo() {
        try (LogCapture logs = new LogCapture()) {
            http.get("/health/live");

            assertThat(logs.text()).isEmpty();
        }
    }
}
