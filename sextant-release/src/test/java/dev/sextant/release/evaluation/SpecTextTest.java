package dev.sextant.release.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.SextantException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecTextTest {

    @Test
    void slicesReadAsTheyAreWritten() {
        assertThat(SliceSpec.parse("location")).isEqualTo(new SliceSpec.ByValue("location"));
        assertThat(SliceSpec.parse(" month( date ) ")).isEqualTo(new SliceSpec.ByMonth("date"));
        assertThat(SliceSpec.parse("temp_max[0, 10,20.5]")).isEqualTo(new SliceSpec.ByRange("temp_max", List.of(0.0, 10.0, 20.5)));
        assertThat(SliceSpec.parse("temp_max[0, 10,20.5]").text()).isEqualTo("temp_max[0,10,20.5]");
        assertThat(SliceSpec.parse("month(date)").text()).isEqualTo("month(date)");
    }

    @Test
    void badSlicesSayHowToWriteThem() {
        assertThatThrownBy(() -> SliceSpec.parse("temp_max[0,ten]")).isInstanceOf(SextantException.class)
                .hasMessageContaining("'ten' is not a number");
        assertThatThrownBy(() -> SliceSpec.parse("temp_max[10,0]")).hasMessageContaining("must increase strictly");
        assertThatThrownBy(() -> SliceSpec.parse("a(b")).hasMessageContaining("Cannot read slice");
    }

    @Test
    void perturbationsReadAsTheyAreWritten() {
        assertThat(Perturbation.parse("noise(temp_max, 0.5)")).isEqualTo(new Perturbation.Noise("temp_max", 0.5));
        assertThat(Perturbation.parse("missing(wind)")).isEqualTo(new Perturbation.Missing("wind"));
        assertThat(Perturbation.parse("noise(temp_max,0.5)").text()).isEqualTo("noise(temp_max,0.5)");
        assertThatThrownBy(() -> Perturbation.parse("noise(temp_max,-1)")).hasMessageContaining("positive number");
        assertThatThrownBy(() -> Perturbation.parse("noise(temp_max,lots)")).hasMessageContaining("'lots' is not a number");
        assertThatThrownBy(() -> Perturbation.parse("shuffle(wind)")).hasMessageContaining("Cannot read perturbation");
    }

    @Test
    void requestsRefuseRepeatsAndPerturbedTargets() {
        assertThatThrownBy(() -> EvaluationRequest.of("weather").withSlices(List.of(SliceSpec.parse("location"),
                SliceSpec.parse("location")))).hasMessageContaining("given twice");
        assertThatThrownBy(() -> EvaluationRequest.of("weather").withPerturbations(List.of(Perturbation.parse(
                "missing(weather)")))).hasMessageContaining("changes the target");
        assertThatThrownBy(() -> EvaluationRequest.of("weather").withLatencyRows(-1)).hasMessageContaining("latency_rows");
    }
}
