package dev.sextant.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InferenceCountsTest {
    /** As {@code /metrics} writes the counter: one sample per deployment, outcome, slot and version. */
    private static final String METRICS = """
            # HELP sextant_inference_requests_total Inference requests answered
            # TYPE sextant_inference_requests_total counter
            sextant_inference_requests_total{deployment="seattle-weather",outcome="client_error",slot="canary",version="models:/seattle-weather/3"} 2.0
            sextant_inference_requests_total{deployment="seattle-weather",outcome="ok",slot="canary",version="models:/seattle-weather/3"} 83.0
            sextant_inference_requests_total{deployment="seattle-weather",outcome="ok",slot="primary",version="models:/seattle-weather/1"} 1.0
            sextant_inference_requests_total{deployment="seattle-weather",outcome="ok",slot="stable",version="models:/seattle-weather/1"} 217.0
            sextant_inference_requests_total{deployment="seattle-weather-2",outcome="ok",slot="primary",version="models:/seattle-weather/1"} 40.0
            sextant_inference_requests_total_created{deployment="seattle-weather",outcome="ok",slot="stable",version="models:/seattle-weather/1"} 1.7E9
            sextant_inference_duration_seconds_count{deployment="seattle-weather",slot="stable",version="models:/seattle-weather/1"} 217
            """;

    @Test
    void sumsTheAnsweredRequestsOfOneDeploymentByVersionAcrossSlots() {
        assertThat(InferenceCounts.answered(METRICS, "seattle-weather")).containsExactly(Map.entry(1L, 218L),
                Map.entry(3L, 83L));
        assertThat(InferenceCounts.answered(METRICS, "seattle-weather-2")).containsExactly(Map.entry(1L, 40L));
        assertThat(InferenceCounts.answered(METRICS, "iris")).isEmpty();
    }

    @Test
    void countsWhatWasAnsweredBetweenTwoReadings() {
        assertThat(InferenceCounts.since(Map.of(1L, 1L), Map.of(1L, 218L, 3L, 83L)))
                .containsExactly(Map.entry(1L, 217L), Map.entry(3L, 83L));
        assertThat(InferenceCounts.since(Map.of(1L, 5L), Map.of(1L, 5L))).isEmpty();
    }
}
