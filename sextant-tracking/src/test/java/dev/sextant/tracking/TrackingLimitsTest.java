package dev.sextant.tracking;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.SextantException;
import org.junit.jupiter.api.Test;

class TrackingLimitsTest {

    @Test
    void acceptsMlflowsEntityNameCharacters() {
        assertThatCode(() -> TrackingLimits.entityName("metric", "val/loss epoch-1.mean_x")).doesNotThrowAnyException();
    }

    @Test
    void rejectsNamesThatAreNotPortableOrWouldResolveToAnotherPath() {
        for (String bad : new String[] {"a$b", "/abs", "a/../b", "a//b", "..", "a/", "./a"}) {
            assertThatThrownBy(() -> TrackingLimits.entityName("metric", bad))
                    .as(bad).isInstanceOf(SextantException.class).hasMessageContaining("Invalid metric name");
        }
        assertThatThrownBy(() -> TrackingLimits.entityName("param", "k".repeat(251)))
                .isInstanceOf(SextantException.class).hasMessageContaining("exceeded length limit of 250");
    }

    @Test
    void validatesIdsTimestampsAndPageSizes() {
        assertThatThrownBy(() -> TrackingLimits.runId("-bad")).hasMessageContaining("Invalid run ID");
        assertThatThrownBy(() -> TrackingLimits.experimentId("a b")).hasMessageContaining("Invalid experiment ID");
        assertThatThrownBy(() -> TrackingLimits.timestamp(-1)).hasMessageContaining("timestamp");
        assertThatThrownBy(() -> TrackingLimits.maxResults(50_001)).hasMessageContaining("at most 50000");
        assertThatThrownBy(() -> TrackingLimits.maxResults(0)).hasMessageContaining("at least 1");
    }
}
