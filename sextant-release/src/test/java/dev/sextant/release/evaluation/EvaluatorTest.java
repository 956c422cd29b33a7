package dev.sextant.release.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sextant.api.SextantException;
import dev.sextant.data.read.Dataset;
import dev.sextant.data.read.TableReader;
import dev.sextant.release.testing.TrainedModels;
import dev.sextant.serving.runtime.LoadedModel;
import dev.sextant.serving.runtime.ModelRuntime;
import dev.sextant.training.TrainingOptions;
import dev.sextant.training.TrainingOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluation of models trained on the shared weather data, run by the serving runtime. */
class EvaluatorTest {
    @TempDir
    static Path dir;

    private static Dataset weather;
    private static TrainingOutcome forest;
    private static ModelRuntime runtime;
    private static LoadedModel model;
    private static Dataset holdout;

    private final Evaluator evaluator = new Evaluator(System::nanoTime);

    @BeforeAll
    static void train() {
        weather = TrainedModels.weather();
        forest = TrainedModels.weatherClassifier(weather, "random-forest", 42);
        runtime = TrainedModels.runtime();
        model = TrainedModels.load(runtime, forest, dir.resolve("forest"));
        holdout = new TableReader().read(TrainedModels.rows(weather.source(), forest.split().holdout(),
                dir.resolve("holdout.csv")));
    }

    @AfterAll
    static void close() {
        model.close();
        runtime.close();
    }

    @Test
    void holdoutMetricsAgreeWithWhatTrainingMeasuredInJava() {
        Evaluator.Measured measured = evaluator.evaluate(model, holdout, EvaluationRequest.of("weather").withLatencyRows(0));

        assertThat(measured.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(measured.dataset().rows()).isEqualTo(forest.split().holdout().length);
        assertThat(measured.dataset().sha256()).isEqualTo(holdout.sha256());
        assertThat(measured.metrics()).containsOnlyKeys("accuracy", "precision", "recall", "f1", "roc_auc", "log_loss");
        for (String metric : List.of("accuracy", "precision", "recall", "f1", "roc_auc", "log_loss")) {
            assertThat(measured.metrics().get(metric)).as(metric).isCloseTo(forest.metrics().get(metric), within(0.005));
        }
        assertThat(measured.averaging()).contains("macro");
        assertThat(measured.latency()).isEmpty();
    }

    @Test
    void slicesPartitionTheRowsAndAverageBackToTheOverallAccuracy() {
        EvaluationRequest request = EvaluationRequest.of("weather").withLatencyRows(0).withSlices(List.of(
                SliceSpec.parse("location"), SliceSpec.parse("month(date)"), SliceSpec.parse("temp_max[0,10,20]")));
        Evaluator.Measured measured = evaluator.evaluate(model, weather, request);

        for (String slice : List.of("location", "month(date)", "temp_max[0,10,20]")) {
            List<Evaluation.SliceResult> parts = measured.slices().stream().filter(s -> s.slice().equals(slice)).toList();
            assertThat(parts.stream().mapToInt(Evaluation.SliceResult::rows).sum()).as(slice).isEqualTo(weather.table().rowCount());
            double weighted = parts.stream().mapToDouble(s -> s.metrics().get("accuracy") * s.rows()).sum()
                    / weather.table().rowCount();
            assertThat(weighted).as(slice).isCloseTo(measured.metrics().get("accuracy"), within(1e-9));
        }
        assertThat(measured.slices().stream().filter(s -> s.slice().equals("location")).map(Evaluation.SliceResult::value))
                .containsExactly("New York", "Seattle");
        assertThat(measured.slices().stream().filter(s -> s.slice().equals("month(date)")).map(Evaluation.SliceResult::value))
                .containsExactly("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12");
        assertThat(measured.slices().stream().filter(s -> s.slice().equals("temp_max[0,10,20]"))
                .map(Evaluation.SliceResult::value)).containsExactly("< 0", ">= 20", "[0, 10)", "[10, 20)");
    }

    @Test
    void losingPrecipitationHurtsWhileALittleWindNoiseDoesNot() {
        EvaluationRequest request = EvaluationRequest.of("weather").withLatencyRows(0).withPerturbations(List.of(
                Perturbation.parse("missing(precipitation)"), Perturbation.parse("noise(wind, 0.01)")));
        Evaluator.Measured measured = evaluator.evaluate(model, holdout, request);
        double accuracy = measured.metrics().get("accuracy");

        Map<String, Double> withoutRain = measured.robustness().get(0).metrics();
        Map<String, Double> windy = measured.robustness().get(1).metrics();
        assertThat(measured.robustness().get(0).perturbation()).isEqualTo("missing(precipitation)");
        assertThat(measured.robustness().get(1).perturbation()).isEqualTo("noise(wind,0.01)");
        assertThat(accuracy - withoutRain.get("accuracy")).isGreaterThan(0.05);
        assertThat(Math.abs(accuracy - windy.get("accuracy"))).isLessThan(0.02);

        Evaluator.Measured again = evaluator.evaluate(model, holdout, request);
        assertThat(again.robustness()).isEqualTo(measured.robustness());
    }

    @Test
    void latencyIsTheMedianAndNinetyNinthPercentileOfSingleRowCalls() {
        AtomicLong calls = new AtomicLong();
        AtomicLong clock = new AtomicLong();
        // Start and end readings alternate; call i takes i + 1 ms.
        Evaluator timed = new Evaluator(() -> {
            long n = calls.getAndIncrement();
            return n % 2 == 0 ? clock.get() : clock.addAndGet((n / 2 + 1) * 1_000_000L);
        });
        Evaluator.Measured measured = timed.evaluate(model, holdout, EvaluationRequest.of("weather").withLatencyRows(100));

        Evaluation.Latency latency = measured.latency().orElseThrow();
        assertThat(latency.samples()).isEqualTo(100);
        assertThat(latency.p50Millis()).isEqualTo(50.0);
        assertThat(latency.p99Millis()).isEqualTo(99.0);
    }

    @Test
    void realLatencyIsPositiveAndOrdered() {
        Evaluation.Latency latency = evaluator.evaluate(model, holdout, EvaluationRequest.of("weather").withLatencyRows(50))
                .latency().orElseThrow();
        assertThat(latency.p50Millis()).isPositive().isLessThanOrEqualTo(latency.p99Millis());
        assertThat(latency.samples()).isEqualTo(50);
    }

    @Test
    void regressionMetricsAgreeWithTraining() throws Exception {
        TrainingOutcome regressor = TrainedModels.train(weather, TrainingOptions.of("temp_max")
                .withAlgorithm("linear-regression").withHyperparameters(TrainedModels.SMALL));
        Dataset rows = new TableReader().read(TrainedModels.rows(weather.source(), regressor.split().holdout(),
                dir.resolve("temp-holdout.csv")));
        try (LoadedModel linear = TrainedModels.load(runtime, regressor, dir.resolve("linear"))) {
            Evaluator.Measured measured = evaluator.evaluate(linear, rows, EvaluationRequest.of("temp_max").withLatencyRows(0));

            assertThat(measured.task()).isEqualTo(Task.REGRESSION);
            assertThat(measured.metrics()).containsOnlyKeys("rmse", "mae", "r2");
            for (String metric : List.of("rmse", "mae", "r2")) {
                assertThat(measured.metrics().get(metric)).as(metric).isCloseTo(regressor.metrics().get(metric), within(0.01));
            }
            assertThatThrownBy(() -> evaluator.evaluate(linear, rows, EvaluationRequest.of("weather")))
                    .isInstanceOf(SextantException.class).hasMessageContaining("'weather' is also an input");
            Path noted = dir.resolve("noted.csv");
            List<String> lines = Files.readAllLines(rows.source());
            Files.write(noted, java.util.stream.IntStream.range(0, lines.size())
                    .mapToObj(i -> lines.get(i) + (i == 0 ? ",note" : ",text")).toList());
            Dataset withNote = new TableReader().read(noted);
            assertThatThrownBy(() -> evaluator.evaluate(linear, withNote, EvaluationRequest.of("note")))
                    .isInstanceOf(SextantException.class).hasMessageContaining("predicts numbers")
                    .hasMessageContaining("'note' holds string values");
        }
    }

    @Test
    void dataWithoutAModelInputIsRefusedNamingIt() throws Exception {
        Path partial = dir.resolve("no-wind.csv");
        List<String> lines = Files.readAllLines(weather.source()).stream().limit(50)
                .map(line -> line.substring(0, line.lastIndexOf(',', line.lastIndexOf(',') - 1)) + ","
                        + line.substring(line.lastIndexOf(',') + 1)).toList();
        Files.write(partial, lines);
        Dataset data = new TableReader().read(partial);

        assertThatThrownBy(() -> evaluator.evaluate(model, data, EvaluationRequest.of("weather")))
                .isInstanceOf(SextantException.class).hasMessageContaining("no column for model input wind")
                .hasMessageContaining("the data's columns are location, date");
        assertThatThrownBy(() -> evaluator.evaluate(model, weather, EvaluationRequest.of("rain")))
                .isInstanceOf(SextantException.class).hasMessageContaining("No column 'rain'");
    }
}
