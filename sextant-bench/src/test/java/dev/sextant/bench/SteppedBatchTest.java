package dev.sextant.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SteppedBatchTest {

    @Test
    void everyRequestCarriesNewStepsInAValidBodyOfTheSameLength() throws Exception {
        SteppedBatch batch = new SteppedBatch("run-1", 1000, 10, 1_700_000_000_000L);
        Set<Long> steps = new HashSet<>();
        int length = -1;
        for (int request = 0; request < 3; request++) {
            byte[] body = batch.next();
            if (length >= 0) {
                assertThat(body).hasSize(length);
            }
            length = body.length;
            JsonNode json = HttpJson.JSON.readTree(body);
            assertThat(json.path("run_id").asText()).isEqualTo("run-1");
            assertThat(json.path("metrics")).hasSize(1000);
            for (JsonNode point : json.path("metrics")) {
                assertThat(steps.add(point.path("step").asLong())).as("step %s is new", point.path("step")).isTrue();
            }
        }
        assertThat(steps).hasSize(3000);
    }

    @Test
    void spreadsPointsOverTheKeysWithIncreasingStepsPerKey() throws Exception {
        JsonNode metrics = HttpJson.JSON.readTree(new SteppedBatch("r", 6, 3, 0).next()).path("metrics");
        assertThat(metrics.get(0).path("key").asText()).isEqualTo("metric_0");
        assertThat(metrics.get(4).path("key").asText()).isEqualTo("metric_1");
        assertThat(metrics.get(4).path("step").asLong()).isGreaterThan(metrics.get(1).path("step").asLong());
        assertThat(metrics.get(5).path("timestamp").asLong()).isEqualTo(5);
    }

    @Test
    void refusesAnEmptyBatch() {
        assertThatThrownBy(() -> new SteppedBatch("r", 0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
