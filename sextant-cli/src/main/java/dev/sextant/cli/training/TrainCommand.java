package dev.sextant.cli.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.SextantException;
import dev.sextant.cli.CliFailure;
import dev.sextant.cli.ConnectionOptions;
import dev.sextant.cli.OutputOptions;
import dev.sextant.cli.Table;
import dev.sextant.cli.nativeapi.NativeClient;
import dev.sextant.cli.tracking.MlflowHttpClient;
import dev.sextant.cli.tracking.RunSource;
import dev.sextant.data.read.Dataset;
import dev.sextant.data.read.TableReader;
import dev.sextant.data.version.DatasetUri;
import dev.sextant.tracking.Tag;
import dev.sextant.tracking.provenance.Provenance;
import dev.sextant.training.TrainingOptions;
import dev.sextant.training.TrainingOutcome;
import dev.sextant.training.TrainingProgress;
import dev.sextant.training.features.ColumnDecision;
import dev.sextant.training.models.Hyperparameters;
import dev.sextant.training.recording.DatasetSource;
import dev.sextant.training.recording.RecordedRun;
import dev.sextant.training.recording.RecordedTraining;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sextant train}: train on a CSV or Parquet file or a dataset version, record the run on a
 * server, optionally register.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a tabular model (Tribuo) on a CSV or Parquet file or a dataset version, export it to "
                + "ONNX with its feature preparation, and record the run (params, holdout metrics, dataset digest, model package) on the "
                + "server; --register also makes it a model version."})
public final class TrainCommand implements Runnable {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE|DATASET_VERSION", description = "CSV (.csv, .tsv, "
            + ".csv.gz) or Parquet file, or a dataset version on the server (datasets:/train/4, datasets:/train@latest), "
            + "read from the server and checked against its digest.")
    String data;

    @Option(names = "--target", required = true, paramLabel = "COLUMN", description = "The column to predict.")
    String target;

    @Option(names = "--task", paramLabel = "TASK", description = "classification or regression (default: inferred "
            + "from the target: text, booleans or few whole numbers are classes).")
    String task = "";

    @Option(names = "--algo", paramLabel = "ALGORITHM", description = "random-forest (default), extra-trees, "
            + "logistic-regression (classification) or linear-regression (regression).")
    String algorithm = "";

    @Option(names = "--experiment", paramLabel = "NAME", description = "Experiment to record the run in, created "
            + "when missing (default: ${DEFAULT-VALUE}).")
    String experiment = "Default";

    @Option(names = "--register", paramLabel = "NAME", description = "Register the model under this name.")
    String register = "";

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the split and the learner (default: ${DEFAULT-VALUE}).")
    long seed = TrainingOptions.DEFAULT_SEED;

    @Option(names = "--holdout", paramLabel = "F", description = "Fraction of rows held out for the metrics "
            + "(default: ${DEFAULT-VALUE}).")
    double holdout = TrainingOptions.DEFAULT_HOLDOUT;

    @Option(names = "--trees", paramLabel = "N", description = "Trees in a forest (default: ${DEFAULT-VALUE}).")
    int trees = Hyperparameters.DEFAULTS.trees();

    @Option(names = "--max-depth", paramLabel = "N", description = "Deepest tree level (default: ${DEFAULT-VALUE}).")
    int maxDepth = Hyperparameters.DEFAULTS.maxDepth();

    @Option(names = "--epochs", paramLabel = "N", description = "Passes of a linear model over the data "
            + "(default: ${DEFAULT-VALUE}).")
    int epochs = Hyperparameters.DEFAULTS.epochs();

    @Option(names = "--learning-rate", paramLabel = "R", description = "AdaGrad learning rate of a linear model "
            + "(default: ${DEFAULT-VALUE}).")
    double learningRate = Hyperparameters.DEFAULTS.learningRate();

    @Override
    public void run() {
        TrainingOptions options = new TrainingOptions(target, task, algorithm, seed, holdout,
                new Hyperparameters(trees, maxDepth, epochs, learningRate));
        RecordedRun run;
        DatasetSource source;
        if (DatasetUri.isDatasetUri(data)) {
            try (DatasetVersionCopy copy = DatasetVersionCopy.fetch(nativeClient(), datasetUri())) {
                source = DatasetSource.datasetVersion(copy.uri());
                run = train(new TableReader().read(copy.file()), source, options);
            }
        } else {
            Path file = Path.of(data);
            source = DatasetSource.localFile(file.toString());
            run = train(new TableReader().read(file), source, options);
        }
        if (output.json()) {
            printJson(run, source);
        } else {
            printTables(run, source);
        }
    }

    private RecordedRun train(Dataset dataset, DatasetSource source, TrainingOptions options) {
        MlflowHttpClient client = new MlflowHttpClient(connection.serverUrl(System.getenv()),
                connection.token(System.getenv()));
        RecordedTraining training = new RecordedTraining(new RestTrainingRecorder(client), Clock.systemUTC());
        if (output.json()) {
            return training.run(dataset, source, options, experiment, register, provenance(), TrainingProgress.NONE);
        }
        try (TerminalProgress progress = new TerminalProgress(System.err)) {
            return training.run(dataset, source, options, experiment, register, provenance(), progress);
        }
    }

    /** The native API of the server named explicitly: a dataset version is never looked for on a default. */
    private NativeClient nativeClient() {
        String url = connection.configuredServerUrl(System.getenv()).orElseThrow(() -> new ParameterException(
                spec.commandLine(), "--data " + data + " is a dataset version kept on a server, and no server is "
                + "given: pass --server URL (or set SEXTANT_SERVER or MLFLOW_TRACKING_URI)."));
        return new NativeClient(url, connection.token(System.getenv()));
    }

    private DatasetUri datasetUri() {
        try {
            return DatasetUri.parse(data);
        } catch (SextantException e) {
            throw new ParameterException(spec.commandLine(), "--data: " + e.getMessage());
        }
    }

    private static List<Tag> provenance() {
        List<Tag> tags = new ArrayList<>(RunSource.tags());
        tags.removeIf(tag -> tag.key().equals(Provenance.SOURCE_NAME));
        tags.add(new Tag(Provenance.SOURCE_NAME, "sextant train"));
        tags.addAll(Provenance.environment(Map.of("tribuo", org.tribuo.Tribuo.class)).stream()
                .filter(tag -> tag.key().equals("sextant.env.libraries")).map(tag -> new Tag("sextant.env.trainer",
                        tag.value())).toList());
        return tags;
    }

    private void printTables(RecordedRun run, DatasetSource source) {
        TrainingOutcome outcome = run.outcome();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Task: " + outcome.task().wireName() + " (" + outcome.taskReason() + "), algorithm "
                + outcome.algorithm().wireName() + ", " + outcome.params().get("train_rows") + " training rows, "
                + outcome.params().get("holdout_rows") + " holdout rows");
        out.println();
        Table columns = new Table("COLUMN", "ACTION", "FEATURES", "WHY");
        for (ColumnDecision decision : outcome.columns()) {
            columns.row(decision.column(), decision.action().label(), String.valueOf(decision.features()),
                    decision.reason());
        }
        columns.print(out);
        out.println();
        Table metrics = new Table("METRIC (HOLDOUT)", "VALUE");
        outcome.metrics().forEach((name, value) -> metrics.row(name, String.format("%.4f", value)));
        metrics.print(out);
        if (!outcome.metricsAveraging().isEmpty()) {
            out.println("(" + outcome.metricsAveraging() + ")");
        }
        out.println();
        out.println("Run: " + run.runId() + " (experiment " + run.experimentId() + ")");
        out.println("Dataset: " + outcome.dataset().name() + (source.type().equals(dev.sextant.tracking.Dataset.DATASET_VERSION_SOURCE_TYPE)
                ? " (" + source.uri() + ")" : "") + " sha256 " + outcome.dataset().sha256());
        out.println("Model package: " + run.packageDigest());
        run.modelVersion().ifPresent(version ->
                out.println("Registered: " + run.registeredModel() + " version " + version));
        out.flush();
    }

    private void printJson(RecordedRun run, DatasetSource source) {
        TrainingOutcome outcome = run.outcome();
        ObjectNode json = MlflowHttpClient.JSON.createObjectNode()
                .put("run_id", run.runId()).put("experiment_id", run.experimentId())
                .put("task", outcome.task().wireName()).put("task_reason", outcome.taskReason())
                .put("algorithm", outcome.algorithm().wireName()).put("package_digest", run.packageDigest());
        json.putObject("dataset").put("name", outcome.dataset().name()).put("sha256", outcome.dataset().sha256())
                .put("rows", outcome.dataset().rows()).put("source_type", source.type()).put("source", source.uri());
        ObjectNode params = json.putObject("params");
        outcome.params().forEach(params::put);
        ObjectNode metrics = json.putObject("metrics");
        outcome.metrics().forEach(metrics::put);
        json.put("metrics_averaging", outcome.metricsAveraging());
        var columns = json.putArray("columns");
        outcome.columns().forEach(d -> columns.addObject().put("column", d.column()).put("action", d.action().label())
                .put("features", d.features()).put("reason", d.reason()));
        run.modelVersion().ifPresent(version -> json.putObject("model_version")
                .put("name", run.registeredModel()).put("version", version));
        try {
            PrintWriter out = spec.commandLine().getOut();
            out.println(MlflowHttpClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new CliFailure(CliFailure.FAILED, "could not print JSON: " + e.getOriginalMessage());
        }
    }
}
