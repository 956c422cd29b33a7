package dev.sextant.cli.serving;

import dev.sextant.cli.nativeapi.NativeClient;
import dev.sextant.cli.CliFailure;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.ModelRuntime;
import dev.sextant.serving.runtime.RuntimeOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import dev.sextant.cli.ConnectionOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/**
 * {@code sextant predict --model models:/churn@champion --input data.parquet --output scored.csv}:
 * batch scoring on this machine. The registered package is fetched from the server and verified,
 * then the input is streamed through it a chunk at a time, so memory stays bounded for inputs
 * larger than RAM.
 */
@Command(name = "predict", description = "Score a CSV or Parquet file with a registered model, streaming, with a progress bar.")
public final class PredictCommand implements Runnable {

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL_URI",
            description = "models:/<name>/<version>, models:/<name>@<alias> or models:/<name>/<stage>.")
    String model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Rows to score (.csv or .parquet).")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "Where the rows and their predictions go (.csv or .parquet).")
    Path outputFile;

    @Option(names = "--batch-size", description = "Rows per model call (default: ${DEFAULT-VALUE}).")
    int batchSize = 4096;

    @Option(names = "--no-progress", description = "No progress bar (e.g. in CI logs).")
    boolean noProgress;

    @Override
    public void run() {
        if (batchSize < 1) {
            throw new CliFailure(CliFailure.FAILED, "--batch-size must be 1 or more");
        }
        Path packageDir = temporaryDirectory();
        try (ModelRuntime runtime = ModelRuntime.create(RuntimeOptions.defaults())) {
            NativeClient client = new NativeClient(connection.serverUrl(System.getenv()), connection.token(System.getenv()));
            ModelDownload.Fetched fetched = ModelDownload.fetch(client, model, packageDir, runtime);
            long rowsDone = 0;
            try (RowReader reader = new RowReader(input);
                 PredictionWriter writer = new PredictionWriter(outputFile.toAbsolutePath(), reader.columns());
                 ProgressBar bar = progress(reader.total())) {
                RowTensors tensors = new RowTensors(fetched.model().inputs(), reader.columns());
                List<Object[]> rows;
                while (!(rows = reader.next(batchSize)).isEmpty()) {
                    InferenceInputs batch = tensors.tensors(rows);
                    writer.write(rows, fetched.model().predict(batch));
                    rowsDone += rows.size();
                    if (bar != null) {
                        bar.stepTo(rowsDone);
                    }
                }
            } finally {
                fetched.model().close();
            }
            String version = fetched.version().path("name").asText() + "/" + fetched.version().path("version").asText();
            spec.commandLine().getOut().println("scored " + rowsDone + " rows with models:/" + version + " into "
                    + outputFile);
            spec.commandLine().getOut().flush();
        } finally {
            deleteTree(packageDir);
        }
    }

    private ProgressBar progress(long total) {
        if (noProgress) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName("predict").setInitialMax(total).setUnit(" rows", 1)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .build();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("sextant-predict-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
