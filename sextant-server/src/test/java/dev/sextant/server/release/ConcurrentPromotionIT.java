package dev.sextant.server.release;

import static dev.sextant.server.release.WeatherModels.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.Http;
import dev.sextant.server.HttpResult;
import dev.sextant.server.ModelPackages;
import dev.sextant.server.TestServer;
import dev.sextant.server.config.Secret;
import dev.sextant.store.testing.PostgresServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifty clients promote fifty different versions to Production at once, each expecting the same
 * holder: exactly one wins, the others are refused, and the registry, the stage history and the
 * audit log all tell the same story. On the embedded H2 store and on PostgreSQL.
 */
class ConcurrentPromotionIT {
    private static final int CLIENTS = 50;

    @TempDir
    Path dir;

    @Test
    void onH2() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("h2"))) {
            exactlyOneWins(server.http());
        }
    }

    @Test
    void onPostgres() throws Exception {
        PostgresServer.Database db = PostgresServer.shared().createDatabase();
        UnaryOperator<dev.sextant.server.config.SextantConfig> store = c -> c.withStore(db.jdbcUrl(), db.user(),
                Secret.of(db.password()));
        try (TestServer server = TestServer.start(dir.resolve("pg"), store)) {
            exactlyOneWins(server.http());
        }
    }

    private static void exactlyOneWins(Http http) throws Exception {
        String model = WeatherModels.unique("contended");
        ok(http.postJson("/api/v1/models", "{\"name\": \"" + model + "\"}"));
        String experiment = ok(http.postJson("/api/2.0/mlflow/experiments/create", "{\"name\": \""
                + WeatherModels.unique("exp") + "\"}")).path("experiment_id").asText();
        JsonNode info = ok(http.postJson("/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"" + experiment + "\"}"))
                .path("run").path("info");
        ModelPackages.logLogreg(http, info.path("run_id").asText(), info.path("artifact_uri").asText(), "model", true);
        for (int i = 0; i <= CLIENTS; i++) {
            ok(http.postJson("/api/v1/models/" + model + "/versions", "{\"source\": \"runs:/" + info.path("run_id").asText()
                    + "/model\"}"));
        }
        String base = "/api/v1/models/" + model;
        ok(http.postJson(base + "/promotions", "{\"version\": 1, \"target\": \"Production\", \"reason\": \"first\"}"));

        CyclicBarrier start = new CyclicBarrier(CLIENTS);
        List<Callable<HttpResult>> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            long version = i + 2;
            clients.add(() -> {
                start.await();
                return http.postJson(base + "/promotions", "{\"version\": " + version + ", \"target\": \"Production\", "
                        + "\"replaces\": 1, \"reason\": \"client " + version + "\"}");
            });
        }
        List<HttpResult> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            for (Future<HttpResult> result : pool.invokeAll(clients)) {
                results.add(result.get());
            }
        }

        List<HttpResult> won = results.stream().filter(r -> r.status() == 201).toList();
        assertThat(won).hasSize(1);
        assertThat(results).filteredOn(r -> r.status() != 201).hasSize(CLIENTS - 1)
                .allSatisfy(r -> {
                    assertThat(r.status()).as(r.body()).isEqualTo(409);
                    assertThat(r.json().path("code").asText()).isEqualTo("RESOURCE_CONFLICT");
                });
        long winner = won.getFirst().json().path("version").asLong();

        JsonNode versions = ok(http.get(base + "/versions?max_results=100")).path("versions");
        List<Long> inProduction = new ArrayList<>();
        versions.forEach(v -> {
            if (v.path("stage").asText().equals("Production")) {
                inProduction.add(v.path("version").asLong());
            }
        });
        assertThat(inProduction).containsExactly(winner);
        assertThat(ok(http.get(base + "/aliases/previous")).path("version").asLong()).isEqualTo(1);

        JsonNode history = ok(http.get(base + "/stage-history?target=Production")).path("history");
        assertThat(history).extracting(e -> e.path("version").asLong()).containsExactly(winner, 1L);
        assertThat(history.get(0).path("previous_version").asLong()).isEqualTo(1);
        assertThat(history.get(0).path("reason").asText()).isEqualTo("client " + winner);

        JsonNode audit = ok(http.get("/api/v1/audit?entity=registered-model:" + model + "/Production&max_results=100"))
                .path("entries");
        assertThat(audit).extracting(e -> e.path("action").asText()).containsExactly("model-version.promote",
                "model-version.promote");
        assertThat(audit.get(1).path("after").toString()).contains("\"version\":" + winner)
                .contains("\"sequence\":" + history.get(0).path("sequence").asLong());
        assertThat(audit.get(1).path("before").toString()).contains("\"version\":1");
    }
}
