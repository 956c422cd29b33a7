package dev.sextant.serving.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.api.SextantException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theOneLineFormIsASingleModelPolicy() throws Exception {
        DeploymentSpec spec = SpecJson.read(JSON.readTree("{\"name\": \"iris\", \"model\": \"models:/iris@champion\"}"),
                Optional.empty());
        assertThat(spec.policy()).isEqualTo(new TrafficPolicy.Single("models:/iris@champion"));
        assertThat(spec.batching()).isEqualTo(Batching.OFF);
    }

    @Test
    void everyPolicyRoundTripsAndDashCaseKeysAreRead() throws Exception {
        JsonNode canary = JSON.readTree("{\"name\": \"c\", \"policy\": {\"type\": \"canary\", \"stable\": \"models:/m/1\","
                + " \"canary\": \"models:/m/2\", \"percent\": 5, \"steps\": [20, 100], \"step-interval-seconds\": 30,"
                + " \"max-error-rate\": 0.01, \"max-p99-ratio\": 1.5, \"min-requests\": 50},"
                + " \"batching\": {\"max-batch-size\": 32, \"max-wait-ms\": 2.5}}");
        DeploymentSpec spec = SpecJson.read(canary, Optional.empty());
        assertThat(spec.policy()).isEqualTo(new TrafficPolicy.Canary("models:/m/1", "models:/m/2", 5, List.of(20, 100),
                Duration.ofSeconds(30), new TrafficPolicy.CanaryAnalysis(0.01, 1.5, 50)));
        assertThat(spec.batching()).isEqualTo(new Batching(32, Duration.ofNanos(2_500_000)));
        assertThat(SpecJson.read(SpecJson.write(spec), Optional.empty())).isEqualTo(spec);

        for (String policy : List.of(
                "{\"type\": \"blue_green\", \"blue\": \"models:/m/1\", \"green\": \"models:/m/2\", \"active\": \"green\"}",
                "{\"type\": \"ab\", \"variants\": [{\"name\": \"a\", \"model\": \"models:/m/1\", \"weight\": 9},"
                        + " {\"name\": \"b\", \"model\": \"models:/m/2\", \"weight\": 1}], \"sticky_key\": {\"input\": \"user\"}}",
                "{\"type\": \"shadow\", \"model\": \"models:/m/1\", \"shadow\": \"models:/m/2\", \"percent\": 25}")) {
            DeploymentSpec read = SpecJson.read(JSON.readTree("{\"name\": \"d\", \"policy\": " + policy + "}"), Optional.empty());
            assertThat(SpecJson.read(SpecJson.write(read), Optional.empty())).isEqualTo(read);
        }
    }

    @Test
    void mistakesAreRefusedSayingWhatIsExpected() {
        assertRefused("{\"name\": \"x\"}", "names no model");
        assertRefused("{\"name\": \"bad name\", \"model\": \"models:/m/1\"}", "Invalid deployment name");
        assertRefused("{\"name\": \"x\", \"policy\": {\"type\": \"rainbow\"}}", "single, canary, blue_green, ab, shadow");
        assertRefused("{\"name\": \"x\", \"policy\": {\"type\": \"canary\", \"stable\": \"models:/m/1\", \"canary\": "
                + "\"models:/m/2\", \"percent\": 150}}", "0 to 100");
        assertRefused("{\"name\": \"x\", \"policy\": {\"type\": \"canary\", \"stable\": \"models:/m/1\", \"canary\": "
                + "\"models:/m/2\", \"percent\": 50, \"steps\": [40]}}", "must grow");
        assertRefused("{\"name\": \"x\", \"policy\": {\"type\": \"ab\", \"variants\": [{\"name\": \"a\", \"model\": "
                + "\"models:/m/1\"}]}}", "at least two");
        assertRefused("{\"name\": \"x\", \"model\": \"models:/m/1\", \"batching\": {\"max_batch_size\": 0}}", "max_batch_size");
        assertRefused("{\"name\": \"x\", \"policy\": {\"type\": \"blue_green\", \"blue\": \"models:/m/1\", \"green\": "
                + "\"models:/m/2\", \"active\": \"red\"}}", "'blue' or 'green'");
        assertRefused("{\"name\": \"x\", \"policy\": {\"type\": \"canary\", \"stable\": \"models:/m/1\", \"canary\": "
                + "\"models:/m/2\", \"model\": \"models:/m/3\"}}", "has no field 'model'");
        assertRefused("{\"name\": \"x\", \"modle\": \"models:/m/1\"}", "has no field 'modle'");
    }

    @Test
    void thePathNameFillsInAndMustAgreeWithTheBody() throws Exception {
        assertThat(SpecJson.read(JSON.readTree("{\"model\": \"models:/m/1\"}"), Optional.of("p")).name()).isEqualTo("p");
        assertThatThrownBy(() -> SpecJson.read(JSON.readTree("{\"name\": \"q\", \"model\": \"models:/m/1\"}"), Optional.of("p")))
                .hasMessageContaining("'q'").hasMessageContaining("'p'");
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> SpecJson.read(JSON.readTree(json), Optional.empty()))
                .isInstanceOf(SextantException.class).hasMessageContaining(message);
    }
}
