package dev.sextant.release.testing;

import dev.sextant.data.read.Dataset;
import dev.sextant.data.read.TableReader;
import dev.sextant.registry.packaging.ModelPackage;
import dev.sextant.serving.runtime.LoadedModel;
import dev.sextant.serving.runtime.ModelRuntime;
import dev.sextant.serving.runtime.RuntimeOptions;
import dev.sextant.training.TabularTrainer;
import dev.sextant.training.TrainingOptions;
import dev.sextant.training.TrainingOutcome;
import dev.sextant.training.TrainingProgress;
import dev.sextant.training.models.Hyperparameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Models trained on the shared weather data with the platform's own trainer, written as model
 * packages and loaded into the serving runtime: what evaluation meets in production.
 */
public final class TrainedModels {
    public static final Hyperparameters SMALL = new Hyperparameters(10, 8, 5, 0.5);

    private TrainedModels() {
    }

    public static Dataset weather() {
        return new TableReader().read(SharedData.file("weather.csv"));
    }

    public static TrainingOutcome train(Dataset data, TrainingOptions options) {
        return new TabularTrainer().train(data, options, TrainingProgress.NONE);
    }

    /** A classifier of the {@code weather} column, trained with {@code seed}. */
    public static TrainingOutcome weatherClassifier(Dataset data, String algorithm, long seed) {
        return train(data, TrainingOptions.of("weather").withAlgorithm(algorithm).withSeed(seed).withHyperparameters(SMALL));
    }

    public static ModelPackage write(TrainingOutcome outcome, Path dir) {
        return outcome.modelPackage(Instant.parse("2025-01-01T00:00:00Z"), "run").writeTo(dir);
    }

    public static LoadedModel load(ModelRuntime runtime, TrainingOutcome outcome, Path dir) {
        ModelPackage pkg = write(outcome, dir);
        return runtime.load(pkg.source(), pkg.manifest());
    }

    public static ModelRuntime runtime() {
        return ModelRuntime.create(RuntimeOptions.defaults());
    }

    /** A CSV holding the header and the given rows (0-based) of {@code source}. */
    public static Path rows(Path source, int[] rows, Path target) {
        try {
            List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>();
            out.add(lines.getFirst());
            for (int row : rows) {
                out.add(lines.get(row + 1));
            }
            Files.write(target, out, StandardCharsets.UTF_8);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
