package dev.sextant.training.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sextant.training.models.Predictions;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    @Test
    void binaryMetricsAreThoseOfThePositiveLabel() {
        // truth: 1 1 0 0 ; predicted: 1 0 0 1 ; P(1): .9 .4 .2 .6
        Predictions.Classes predictions = new Predictions.Classes(List.of("0", "1"), List.of("1", "0", "0", "1"),
                List.of(new double[] {.1, .9}, new double[] {.6, .4}, new double[] {.8, .2}, new double[] {.4, .6}));
        Evaluation evaluation = ClassificationMetrics.evaluate(List.of("1", "1", "0", "0"), predictions);

        assertThat(evaluation.metrics().get("accuracy")).isEqualTo(0.5);
        assertThat(evaluation.metrics().get("precision")).isEqualTo(0.5);
        assertThat(evaluation.metrics().get("recall")).isEqualTo(0.5);
        assertThat(evaluation.metrics().get("f1")).isEqualTo(0.5);
        // positive scores .9 .4 vs negative .2 .6: pairs won 3 of 4
        assertThat(evaluation.metrics().get("roc_auc")).isEqualTo(0.75);
        double logLoss = -(Math.log(.9) + Math.log(.4) + Math.log(.8) + Math.log(.4)) / 4;
        assertThat(evaluation.metrics().get("log_loss")).isCloseTo(logLoss, within(1e-12));
        assertThat(evaluation.averaging()).contains("binary").contains("'1'");
    }

    @Test
    void multiclassMetricsAreMacroAverages() {
        // truth a a b c ; predicted a b b b
        Predictions.Classes predictions = new Predictions.Classes(List.of("a", "b", "c"), List.of("a", "b", "b", "b"),
                List.of(new double[] {.7, .2, .1}, new double[] {.3, .6, .1}, new double[] {.1, .8, .1},
                        new double[] {.2, .5, .3}));
        Evaluation evaluation = ClassificationMetrics.evaluate(List.of("a", "a", "b", "c"), predictions);

        // precision a=1, b=1/3, c=0 ; recall a=1/2, b=1, c=0 ; f1 a=2/3, b=1/2, c=0
        assertThat(evaluation.metrics().get("precision")).isCloseTo((1 + 1 / 3.0) / 3, within(1e-12));
        assertThat(evaluation.metrics().get("recall")).isCloseTo(0.5, within(1e-12));
        assertThat(evaluation.metrics().get("f1")).isCloseTo((2 / 3.0 + 0.5) / 3, within(1e-12));
        // AUC a: pos .7 .3 vs neg .1 .2 -> 1 ; b: pos .8 vs .2 .6 .5 -> 1 ; c: pos .3 vs .1 .1 .1 -> 1
        assertThat(evaluation.metrics().get("roc_auc")).isEqualTo(1.0);
        assertThat(evaluation.averaging()).contains("macro over 3 labels").contains("one-vs-rest");
    }

    @Test
    void regressionMetrics() {
        Evaluation evaluation = RegressionMetrics.evaluate(new double[] {1, 2, 3, 4}, new double[] {1, 3, 3, 2});
        assertThat(evaluation.metrics().get("mae")).isEqualTo(0.75);
        assertThat(evaluation.metrics().get("rmse")).isCloseTo(Math.sqrt(5 / 4.0), within(1e-12));
        assertThat(evaluation.metrics().get("r2")).isCloseTo(1 - 5 / 5.0, within(1e-12));
    }
}
