package dev.sextant.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.sextant.api.SextantException;
import dev.sextant.data.read.ColumnHeader;
import dev.sextant.data.read.Dataset;
import dev.sextant.data.read.TableReader;
import dev.sextant.data.table.ColumnType;
import dev.sextant.registry.packaging.ColumnSpec;
import dev.sextant.registry.packaging.PackageFiles;
import dev.sextant.training.features.ColumnDecision;
import dev.sextant.training.features.ColumnDecision.Action;
import dev.sextant.training.models.Hyperparameters;
import dev.sextant.training.models.Predictions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabularTrainerTest {
    private static final Hyperparameters SMALL = new Hyperparameters(10, 8, 5, 0.5);
    private static Dataset weather;
    private final TabularTrainer trainer = new TabularTrainer();

    @TempDir
    Path dir;

    @BeforeAll
    static void read() {
        weather = new TableReader().read(SharedData.file("seattle-weather.csv"));
    }

    @Test
    void sameDataOptionsAndSeedGiveTheSameBytesAndPackageDigest() {
        TrainingOptions options = TrainingOptions.of("weather").withHyperparameters(SMALL);
        TrainingOutcome first = trainer.train(weather, options, TrainingProgress.NONE);
        TrainingOutcome second = trainer.train(new TableReader().read(weather.source()), options, TrainingProgress.NONE);
        Instant created = Instant.parse("2024-05-01T10:00:00Z");

        assertThat(second.onnxModel()).isEqualTo(first.onnxModel());
        PackageFiles a = first.modelPackage(created, "run1");
        PackageFiles b = second.modelPackage(created, "run1");
        assertThat(a.manifest().digest()).isEqualTo(b.manifest().digest()).startsWith("sha256:");
        assertThat(a.paths()).contains("MLmodel", "model.onnx", "input_example.json");

        TrainingOutcome reseeded = trainer.train(weather, options.withSeed(7), TrainingProgress.NONE);
        assertThat(reseeded.onnxModel()).isNotEqualTo(first.onnxModel());
        assertThat(reseeded.split().holdout()).isNotEqualTo(first.split().holdout());
    }

    @Test
    void infersTheTaskFromTheTargetAndSaysWhy() {
        TrainingOutcome classified = trainer.train(weather, TrainingOptions.of("weather").withHyperparameters(SMALL),
                TrainingProgress.NONE);
        assertThat(classified.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(classified.taskReason()).contains("inferred").contains("string");
        assertThat(classified.algorithm()).isEqualTo(Algorithm.RANDOM_FOREST);
        assertThat(classified.metrics()).containsKeys("accuracy", "precision", "recall", "f1", "roc_auc", "log_loss");
        assertThat(classified.metricsAveraging()).contains("macro");

        TrainingOutcome regressed = trainer.train(weather, TrainingOptions.of("temp_max").withHyperparameters(SMALL),
                TrainingProgress.NONE);
        assertThat(regressed.task()).isEqualTo(Task.REGRESSION);
        assertThat(regressed.taskReason()).contains("inferred").contains("numbers");
        assertThat(regressed.metrics()).containsOnlyKeys("rmse", "mae", "r2");
    }

    @Test
    void reportsWhatItDidWithEachColumnAndDeclaresTheRawColumnsAsInputs() {
        TrainingOutcome outcome = trainer.train(weather, TrainingOptions.of("weather").withHyperparameters(SMALL),
                TrainingProgress.NONE);

        assertThat(outcome.columns()).extracting(ColumnDecision::column, ColumnDecision::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple("date", Action.ENCODED),
                org.assertj.core.groups.Tuple.tuple("precipitation", Action.KEPT),
                org.assertj.core.groups.Tuple.tuple("temp_max", Action.KEPT),
                org.assertj.core.groups.Tuple.tuple("temp_min", Action.KEPT),
                org.assertj.core.groups.Tuple.tuple("wind", Action.KEPT),
                org.assertj.core.groups.Tuple.tuple("weather", Action.TARGET));
        assertThat(outcome.signature().inputs()).extracting(f -> ((ColumnSpec) f).name() + ":" + ((ColumnSpec) f).type())
                .containsExactly("date:string", "precipitation:float", "temp_max:float", "temp_min:float", "wind:float");
        assertThat(outcome.params()).containsEntry("features", "8").containsEntry("seed", "42")
                .containsEntry("holdout", "0.2").containsEntry("train_rows", "1169").containsEntry("holdout_rows", "292");
        assertThat(outcome.inputExample()).startsWith("{\"columns\":[\"date\",\"precipitation\"");
    }

    @Test
    void messyDataIsImputedEncodedOrDroppedAndServedTheSameWay() throws Exception {
        Path csv = MessyData.write(dir.resolve("customers.csv"), 400, 11);
        Dataset data = new TableReader().read(csv);
        TrainingOutcome outcome = trainer.train(data, TrainingOptions.of("churned").withHyperparameters(SMALL),
                TrainingProgress.NONE);

        Map<String, ColumnDecision> decisions = outcome.columns().stream()
                .collect(Collectors.toMap(ColumnDecision::column, d -> d));
        assertThat(decisions.get("customer_id").action()).isEqualTo(Action.DROPPED);
        assertThat(decisions.get("customer_id").reason()).contains("identifier-like");
        assertThat(decisions.get("amount").action()).isEqualTo(Action.IMPUTED);
        assertThat(decisions.get("amount").reason()).contains("median");
        assertThat(decisions.get("city").action()).isEqualTo(Action.ENCODED);
        assertThat(decisions.get("city").features()).isEqualTo(4);
        assertThat(decisions.get("signed_up").action()).isEqualTo(Action.ENCODED);
        assertThat(decisions.get("premium").action()).isEqualTo(Action.KEPT);
        assertThat(decisions.get("last_seen").action()).isEqualTo(Action.DROPPED);
        assertThat(decisions.get("churned").action()).isEqualTo(Action.TARGET);
        assertThat(outcome.taskReason()).contains("2 distinct whole numbers");

        // serving: a missing amount, a missing city and a city never seen in training
        Path serve = dir.resolve("serve.csv");
        Files.writeString(serve, """
                customer_id,amount,city,signed_up,premium,last_seen
                x1,,Paris,2021-03-04,true,2024-01-01 10:00:00
                x2,12.5,,2020-02-29,false,2024-01-01 10:00:00
                x3,80.0,Atlantis,2019-12-31,true,2024-01-01 10:00:00
                x4,3.0,Lyon,2022-07-15,false,2024-01-01 10:00:00
                """);
        Dataset served = new TableReader().read(serve);
        Predictions.Classes java = (Predictions.Classes) outcome.predictor().predictAll(served.table());
        try (OnnxRunner onnx = new OnnxRunner(outcome.onnxModel(), outcome.signature())) {
            OnnxRunner.Classified runtime = onnx.classify(served.table(), new int[] {0, 1, 2, 3});
            assertThat(runtime.labels()).containsExactlyElementsOf(java.predicted());
            for (int row = 0; row < 4; row++) {
                for (int c = 0; c < java.labels().size(); c++) {
                    assertThat((double) runtime.probabilities().get(row).get(java.labels().get(c)))
                            .isCloseTo(java.probabilities().get(row)[c], within(1e-5));
                }
            }
        }
    }

    @Test
    void trainsFromParquetWrittenByDuckDb() throws Exception {
        Path parquet = dir.resolve("weather.parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * FROM read_csv_auto('" + weather.source() + "')) TO '" + parquet
                    + "' (FORMAT PARQUET)");
        }
        Dataset fromParquet = new TableReader().read(parquet);
        TrainingOptions options = TrainingOptions.of("temp_max").withAlgorithm("linear-regression")
                .withHyperparameters(SMALL);
        TrainingOutcome outcome = trainer.train(fromParquet, options, TrainingProgress.NONE);
        TrainingOutcome fromCsv = trainer.train(weather, options, TrainingProgress.NONE);

        assertThat(outcome.dataset().format()).isEqualTo("parquet");
        assertThat(outcome.dataset().sha256()).isNotEqualTo(fromCsv.dataset().sha256());
        assertThat(outcome.metrics().get("rmse")).isCloseTo(fromCsv.metrics().get("rmse"), within(1e-9));
        assertThat(outcome.metrics().get("r2")).isGreaterThan(0.5);
    }

    @Test
    void reportsProgressInStagesUpToDone() {
        List<Double> fractions = new ArrayList<>();
        List<String> stages = new ArrayList<>();
        trainer.train(weather, TrainingOptions.of("weather").withHyperparameters(SMALL), (stage, fraction) -> {
            stages.add(stage);
            fractions.add(fraction);
        });
        assertThat(fractions).isSorted().last().isEqualTo(1.0);
        assertThat(stages).contains("preparing features", "training random-forest", "exporting ONNX", "done");
        assertThat(stages.stream().filter("training random-forest"::equals).count()).isGreaterThan(5);
    }

    @Test
    void clientMistakesAreClearErrors() {
        assertThatThrownBy(() -> trainer.train(weather, TrainingOptions.of("rain"), TrainingProgress.NONE))
                .isInstanceOf(SextantException.class).hasMessageContaining("No column 'rain'");
        assertThatThrownBy(() -> trainer.train(weather, TrainingOptions.of("weather").withTask("regression"),
                TrainingProgress.NONE)).isInstanceOf(SextantException.class).hasMessageContaining("numeric target");
        assertThatThrownBy(() -> trainer.train(weather, TrainingOptions.of("weather").withAlgorithm("linear-regression"),
                TrainingProgress.NONE)).hasMessageContaining("cannot do classification")
                .hasMessageContaining("logistic-regression");
        assertThatThrownBy(() -> trainer.train(weather, TrainingOptions.of("weather").withAlgorithm("xgboost"),
                TrainingProgress.NONE)).hasMessageContaining("Unknown algorithm 'xgboost'");
        assertThatThrownBy(() -> trainer.train(weather, TrainingOptions.of("date"), TrainingProgress.NONE))
                .hasMessageContaining("Cannot predict 'date'");
        assertThatThrownBy(() -> TrainingOptions.of("weather").withHoldout(1.5))
                .hasMessageContaining("between 0 and 1");
    }

    @Test
    void preflightRefusesFromTheHeaderWhatTrainingWouldRefuseLater() {
        List<ColumnHeader> header = new TableReader().header(weather.source());
        List<TrainingOptions> refused = List.of(TrainingOptions.of("rain"),
                TrainingOptions.of("weather").withTask("regression"),
                TrainingOptions.of("weather").withAlgorithm("linear-regression"),
                TrainingOptions.of("weather").withAlgorithm("xgboost"),
                TrainingOptions.of("date"),
                TrainingOptions.of("temp_max").withTask("classification").withAlgorithm("linear-regression"));

        for (TrainingOptions options : refused) {
            String preflight = catchThrowableOfType(SextantException.class, () -> trainer.preflight(header, options))
                    .getMessage();
            String training = catchThrowableOfType(SextantException.class,
                    () -> trainer.train(weather, options, TrainingProgress.NONE)).getMessage();
            assertThat(preflight).as(options.toString()).isEqualTo(training);
        }
        // What only the values tell (a numeric target's task) is left to training.
        trainer.preflight(header, TrainingOptions.of("temp_max").withAlgorithm("logistic-regression"));
        trainer.preflight(header, TrainingOptions.of("weather").withAlgorithm("extra-trees"));
        assertThatThrownBy(() -> trainer.preflight(List.of(new ColumnHeader("weather", ColumnType.STRING)),
                TrainingOptions.of("weather"))).hasMessageContaining("nothing to learn from");
    }
}
