package dev.sextant.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sextant.data.read.Dataset;
import dev.sextant.data.read.TableReader;
import dev.sextant.training.models.Predictions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exported ONNX graph (feature preparation + model) run by ONNX Runtime on raw holdout
 * columns gives what Tribuo predicts from the Java-side features.
 */
class ExportEquivalenceTest {
    private static Dataset weather;

    @BeforeAll
    static void read() {
        weather = new TableReader().read(SharedData.file("seattle-weather.csv"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"random-forest", "extra-trees", "logistic-regression"})
    void classifiersAgreeWithTribuoOnTheHoldout(String algorithm) throws Exception {
        TrainingOutcome outcome = new TabularTrainer().train(weather,
                TrainingOptions.of("weather").withAlgorithm(algorithm), TrainingProgress.NONE);
        Predictions.Classes tribuo = (Predictions.Classes) outcome.holdoutPredictions();
        int[] holdout = outcome.split().holdout();

        try (OnnxRunner onnx = new OnnxRunner(outcome.onnxModel(), outcome.signature())) {
            OnnxRunner.Classified served = onnx.classify(weather.table(), holdout);
            assertThat(served.labels()).containsExactlyElementsOf(tribuo.predicted());
            for (int row = 0; row < holdout.length; row++) {
                double[] expected = tribuo.probabilities().get(row);
                for (int c = 0; c < tribuo.labels().size(); c++) {
                    assertThat((double) served.probabilities().get(row).get(tribuo.labels().get(c)))
                            .as("row %d label %s", row, tribuo.labels().get(c)).isCloseTo(expected[c], within(1e-5));
                }
            }
        }
        assertThat(holdout).hasSize(292);
        assertThat(outcome.metrics().get("accuracy")).isGreaterThan(0.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"random-forest", "extra-trees", "linear-regression"})
    void regressorsAgreeWithTribuoOnTheHoldout(String algorithm) throws Exception {
        TrainingOutcome outcome = new TabularTrainer().train(weather,
                TrainingOptions.of("temp_max").withAlgorithm(algorithm), TrainingProgress.NONE);
        double[] tribuo = ((Predictions.Values) outcome.holdoutPredictions()).values();

        try (OnnxRunner onnx = new OnnxRunner(outcome.onnxModel(), outcome.signature())) {
            float[] served = onnx.regress(weather.table(), outcome.split().holdout());
            for (int row = 0; row < served.length; row++) {
                // float32 arithmetic in the runtime: within 1e-5 relative to the value's size
                assertThat((double) served[row]).as("row %d", row)
                        .isCloseTo(tribuo[row], within(1e-5 * Math.max(1, Math.abs(tribuo[row]))));
            }
        }
        assertThat(outcome.metrics().get("r2")).isGreaterThan(0.5);
    }
}
