package dev.sextant.server.nativeapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.server.Http;
import dev.sextant.server.HttpResult;
import dev.sextant.server.TestServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset push streams its body into a file, within the server's body limit, whether the client
 * declares the length or sends it in chunks.
 */
class DatasetUploadIT {
    private static final int LIMIT = 4096;
    private static final int JSON_LIMIT = 1024;
    private static final String VERSIONS = "/api/v1/datasets/%s/versions";

    @TempDir
    static Path dir;
    static TestServer server;
    static Http http;

    @BeforeAll
    static void start() {
        // JSON bodies get the smallest limit there is: data files must be bound by their own.
        server = TestServer.start(dir, config -> config.withMaxRequestBodyBytes(JSON_LIMIT).withMaxDatasetBytes(LIMIT));
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aFileWithinTheLimitIsStoredWhetherItsLengthIsDeclaredOrNot() {
        byte[] declared = csv(200);
        byte[] chunked = csv(201);
        assertThat(declared.length).isLessThan(LIMIT).isGreaterThan(JSON_LIMIT);
        assertThat(chunked.length).isLessThan(LIMIT).isGreaterThan(JSON_LIMIT);

        HttpResult first = push("small", BodyPublishers.ofByteArray(declared));
        HttpResult second = push("small", BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked)));

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("dataset_version").path("rows").asLong()).isEqualTo(200);
        assertThat(first.json().path("dataset_version").path("size_bytes").asLong()).isEqualTo(declared.length);
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(second.json().path("dataset_version").path("rows").asLong()).isEqualTo(201);
        assertThat(http.get(VERSIONS.formatted("small") + "/2/content").body().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(chunked);
    }

    @Test
    void aLargerFileIsRefusedWith413AndNothingIsRecorded() {
        byte[] large = csv(1_000);
        assertThat(large.length).isGreaterThan(LIMIT);

        HttpResult declared = push("large", BodyPublishers.ofByteArray(large));
        HttpResult chunked = push("large", BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)));

        for (HttpResult refused : new HttpResult[] {declared, chunked}) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(413);
            assertThat(refused.body()).contains("datasets.max-file-bytes").contains(String.valueOf(LIMIT));
        }
        assertThat(http.get("/api/v1/datasets/large").status()).isEqualTo(404);
    }

    @Test
    void anEmptyBodyIsRefusedWith400SayingWhatToSend() {
        HttpResult empty = push("empty", BodyPublishers.noBody());

        assertThat(empty.status()).as(empty.body()).isEqualTo(400);
        assertThat(empty.body()).contains("request body is empty").contains("text/csv");
        assertThat(http.get("/api/v1/datasets/empty").status()).isEqualTo(404);
    }

    private static HttpResult push(String name, BodyPublisher body) {
        return http.send("POST", VERSIONS.formatted(name), body, "Content-Type", "text/csv");
    }

    private static byte[] csv(int rows) {
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < rows; i++) {
            text.append(i).append(',').append(i * 0.5).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
