package dev.sextant.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.api.SextantException;
import dev.sextant.server.config.ConfigException;
import dev.sextant.server.config.ConfigLoader;
import dev.sextant.server.config.Secret;
import dev.sextant.server.config.SextantConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupIT {
    private static final String SECRET = "hunter2-Secret-Value";

    @TempDir
    Path dir;

    @Test
    void startsReportsConfigWithSecretsMaskedAndSaysReadyOnce() {
        SextantConfig config = ConfigLoader.load(Map.of("server.port", "0", "data-dir", dir.toString(),
                "store.user", "admin"), Map.of("SEXTANT_STORE_PASSWORD", SECRET));
        try (LogCapture logs = new LogCapture(); SextantServer server = SextantServer.start(config)) {
            Http http = new Http("http://127.0.0.1:" + server.port());
            assertThat(http.get("/health/ready").status()).isEqualTo(200);

            List<String> lines = logs.lines();
            assertThat(logs.text()).doesNotContain(SECRET).contains("store.password=****");
            List<String> ready = lines.stream().filter(line -> line.contains("Sextant ready on")).toList();
            assertThat(ready).hasSize(1);
            JsonNode event = HttpResult.parse(ready.getFirst());
            assertThat(event.get("level").textValue()).isEqualTo("INFO");
            assertThat(event.get("message").textValue())
                    .startsWith("Sextant ready on http://127.0.0.1:" + server.port() + " (store: h2 ")
                    .contains("data: " + dir.toAbsolutePath());
            // Helidon's own java.util.logging output arrives through SLF4J, as JSON.
            assertThat(lines).anySatisfy(line -> assertThat(HttpResult.parse(line).get("logger_name").textValue())
                    .startsWith("io.helidon"));
        }
    }

    @Test
    void unusableDataDirectoryIsAClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

        assertThatThrownBy(() -> SextantServer.start(SextantConfig.defaults().withPort(0).withDataDir(file)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("data-dir"))
                .hasMessageContaining(file.toString())
                .hasMessageNotContaining("\n");
    }

    @Test
    void unreachableStoreFailsWithoutShowingCredentials() {
        SextantConfig config = SextantConfig.defaults().withPort(0).withDataDir(dir)
                .withStore("jdbc:postgresql://bob:" + SECRET + "@127.0.0.1:1/sextant?password=" + SECRET, "bob",
                        Secret.of(SECRET));
        try (LogCapture logs = new LogCapture()) {
            assertThatThrownBy(() -> SextantServer.start(config))
                    .isInstanceOf(SextantException.class)
                    .hasMessageContaining("store.url")
                    .hasMessageNotContaining(SECRET)
                    .satisfies(e -> assertThat(e.getCause()).isNull());
            assertThat(logs.text()).doesNotContain(SECRET);
        }
    }

    @Test
    void portInUseIsAClearError() {
        try (TestServer first = TestServer.start(dir.resolve("first"))) {
            assertThatThrownBy(() -> TestServer.start(dir.resolve("second"), c -> c.withPort(first.port())))
                    .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("server.port"))
                    .hasMessageContaining(":" + first.port())
                    .hasMessageContaining("free port");
            assertThat(first.http().get("/health/live").status()).isEqualTo(200);
        }
    }

    @Test
    void dataSurvivesARestart() {
        String id;
        try (TestServer first = TestServer.start(dir)) {
            id = first.http().postJson("/api/2.0/mlflow/experiments/create", "{\"name\":\"durable\"}").json()
                    .get("experiment_id").textValue();
        }
        try (TestServer second = TestServer.start(dir)) {
            assertThat(second.http().get("/api/2.0/mlflow/experiments/get?experiment_id=" + id).status()).isEqualTo(200);
        }
    }
}
