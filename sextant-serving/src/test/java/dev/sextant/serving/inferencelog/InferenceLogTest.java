package dev.sextant.serving.inferencelog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.InferenceOutputs;
import dev.sextant.serving.runtime.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferenceLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void writesARequestAndAResponseCloudEventPerRecord() throws Exception {
        try (InferenceLog log = InferenceLog.open(InferenceLogOptions.defaults(dir).withSampleRate(1), CLOCK,
                () -> new SplittableRandom(1))) {
            log.offer(record("r-1", 200));
        }
        List<JsonNode> events = events();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).path("type").asText()).isEqualTo("dev.sextant.inference.request");
        assertThat(events.get(1).path("type").asText()).isEqualTo("dev.sextant.inference.response");
        for (JsonNode event : events) {
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("id").asText()).isEqualTo("r-1");
            assertThat(event.path("source").asText()).isEqualTo("/deployments/iris");
            assertThat(event.path("modeluri").asText()).isEqualTo("models:/iris/3");
        }
        assertThat(events.get(0).path("time").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(events.get(0).path("data").path("inputs").get(0).path("data").toString()).isEqualTo("[1.0,2.0]");
        assertThat(events.get(1).path("data").path("outputs").get(0).path("data").toString()).isEqualTo("[1]");
        assertThat(events.get(1).path("data").path("latency_ms").asDouble()).isEqualTo(1.5);
    }

    @Test
    void writesAShadowComparisonAsOneCloudEvent() throws Exception {
        try (InferenceLog log = InferenceLog.open(InferenceLogOptions.defaults(dir).withSampleRate(1), CLOCK,
                () -> new SplittableRandom(1))) {
            log.offer(new ShadowRecord("r-2", "iris", "models:/iris/4", "models:/iris/3", false, 2_500_000,
                    Optional.of(new InferenceOutputs(List.of(Tensor.longs("label", new long[] {1}, 2)))), ""));
            log.offer(new ShadowRecord("r-3", "iris", "models:/iris/4", "models:/iris/3", false, 1_000_000,
                    Optional.empty(), "model failed"));
        }
        List<JsonNode> events = events();
        assertThat(events).hasSize(2);
        JsonNode answered = events.get(0);
        assertThat(answered.path("type").asText()).isEqualTo("dev.sextant.inference.shadow");
        assertThat(answered.path("specversion").asText()).isEqualTo("1.0");
        assertThat(answered.path("id").asText()).isEqualTo("r-2:shadow");
        assertThat(answered.path("requestid").asText()).isEqualTo("r-2");
        assertThat(answered.path("source").asText()).isEqualTo("/deployments/iris");
        assertThat(answered.path("modeluri").asText()).isEqualTo("models:/iris/4");
        assertThat(answered.path("time").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(answered.path("data").path("primary_model_uri").asText()).isEqualTo("models:/iris/3");
        assertThat(answered.path("data").path("agreed").asBoolean(true)).isFalse();
        assertThat(answered.path("data").path("latency_ms").asDouble()).isEqualTo(2.5);
        assertThat(answered.path("data").path("outputs").get(0).path("data").toString()).isEqualTo("[2]");
        assertThat(answered.path("data").has("error")).isFalse();
        assertThat(events.get(1).path("data").path("error").asText()).isEqualTo("model failed");
        assertThat(events.get(1).path("data").has("outputs")).isFalse();
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() {
        try (InferenceLog log = InferenceLog.open(InferenceLogOptions.defaults(dir).withQueueCapacity(1), CLOCK,
                () -> new SplittableRandom(1))) {
            long start = System.nanoTime();
            for (int i = 0; i < 50_000; i++) {
                log.offer(record("r-" + i, 200));
            }
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
            assertThat(log.dropped()).isPositive();
            assertThat(log.dropped() + log.written()).isLessThanOrEqualTo(50_000);
        }
    }

    @Test
    void samplesAtTheConfiguredRate() {
        SplittableRandom seeded = new SplittableRandom(7);
        try (InferenceLog log = InferenceLog.open(InferenceLogOptions.defaults(dir).withSampleRate(0.1), CLOCK,
                () -> seeded)) {
            int sampled = 0;
            for (int i = 0; i < 10_000; i++) {
                sampled += log.sampled() ? 1 : 0;
            }
            assertThat(sampled).isBetween(850, 1150);
        }
        try (InferenceLog none = InferenceLog.open(InferenceLogOptions.defaults(dir).withSampleRate(0), CLOCK,
                () -> new SplittableRandom(7))) {
            assertThat(none.sampled()).isFalse();
        }
    }

    @Test
    void rotatesBySizeAndKeepsTheNewestFiles() throws Exception {
        try (InferenceLog log = InferenceLog.open(InferenceLogOptions.defaults(dir).withMaxFileBytes(2048).withMaxFiles(3),
                CLOCK, () -> new SplittableRandom(1))) {
            for (int i = 0; i < 200; i++) {
                log.offer(record("r-" + i, 200));
                if (i % 20 == 0) {
                    Thread.sleep(5);
                }
            }
        }
        List<Path> files = files();
        assertThat(files).hasSize(3);
        List<JsonNode> events = events();
        assertThat(events.get(events.size() - 1).path("id").asText()).isEqualTo("r-199");
    }

    private static InferenceRecord record(String id, int status) {
        return new InferenceRecord(id, "iris", "primary", "models:/iris/3", "oip", CLOCK.instant(), 1_500_000,
                InferenceInputs.of(Tensor.floats("X", new long[] {1, 2}, 1f, 2f)),
                Optional.of(new InferenceOutputs(List.of(Tensor.longs("label", new long[] {1}, 1)))), status, "");
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.sorted().toList();
        }
    }

    private List<JsonNode> events() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (Path file : files()) {
            for (String line : Files.readAllLines(file)) {
                events.add(JSON.readTree(line));
            }
        }
        return events;
    }
}
