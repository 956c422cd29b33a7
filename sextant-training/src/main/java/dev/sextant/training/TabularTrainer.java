package dev.sextant.training;

import dev.sextant.api.SextantException;
import dev.sextant.data.read.ColumnHeader;
import dev.sextant.data.read.Dataset;
import dev.sextant.data.table.DataTable;
import dev.sextant.training.features.FeaturePlan;
import dev.sextant.training.metrics.ClassificationMetrics;
import dev.sextant.training.metrics.Evaluation;
import dev.sextant.training.metrics.RegressionMetrics;
import dev.sextant.training.models.FittedModel;
import dev.sextant.training.models.ModelTrainer;
import dev.sextant.training.models.Predictions;
import dev.sextant.training.onnx.OnnxGraph;
import dev.sextant.training.onnx.OnnxModelFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;
import java.util.stream.Collectors;

/**
 * Trains a tabular model: infers or checks the task, splits the rows with a seed, fits the
 * feature plan on the training split, trains with Tribuo, evaluates on the holdout and exports
 * one ONNX graph holding both the feature preparation and the model. Deterministic: the same
 * data and options give the same ONNX bytes.
 */
public final class TabularTrainer {

    public TrainingOutcome train(Dataset dataset, TrainingOptions options, TrainingProgress progress) {
        DataTable table = dataset.table();
        progress.update("checking the target", 0.02);
        Target target = Target.of(table.require(options.target()), options.task());
        Task task = target.task();
        Algorithm algorithm = options.algorithm().isBlank() ? Algorithm.defaultFor(task)
                : Algorithm.parse(options.algorithm());
        if (!algorithm.supports(task)) {
            throw algorithm.unsupported(task);
        }
        int[] usable = target.usableRows();
        Split split = Split.of(usable, options.holdout(), options.seed());
        if (task == Task.CLASSIFICATION) {
            target.requireClasses(target.labels(split.train()));
        }

        progress.update("preparing features", 0.05);
        FeaturePlan plan = FeaturePlan.fit(table, options.target(), split.train());
        float[][] train = plan.encode(table, split.train());
        float[][] holdout = plan.encode(table, split.holdout());

        progress.update("training " + algorithm.wireName(), 0.1);
        ModelTrainer trainer = new ModelTrainer(algorithm, options.hyperparameters(), options.seed());
        String stage = "training " + algorithm.wireName();
        DoubleConsumer trained = done -> progress.update(stage, 0.1 + 0.7 * done);
        FittedModel model = task == Task.CLASSIFICATION
                ? trainer.classifier(train, target.labels(split.train()), trained)
                : trainer.regressor(train, target.values(split.train()), options.target(), trained);

        progress.update("evaluating on the holdout", 0.8);
        Predictions predictions = model.predict(holdout);
        Evaluation evaluation = switch (predictions) {
            case Predictions.Classes classes -> ClassificationMetrics.evaluate(target.labels(split.holdout()), classes);
            case Predictions.Values values -> RegressionMetrics.evaluate(target.values(split.holdout()), values.values());
        };

        progress.update("exporting ONNX", 0.9);
        OnnxGraph graph = new OnnxGraph("sextant_" + algorithm.wireName().replace('-', '_'));
        model.writeGraph(graph, plan.writeGraph(graph));
        Map<String, String> params = params(options, task, algorithm, plan, split, usable.length, table.rowCount());
        byte[] onnx = OnnxModelFile.bytes(graph, algorithm.wireName() + " " + task.wireName() + " of '"
                + options.target() + "' trained on " + dataset.name() + " (sha256 " + dataset.sha256() + ")",
                Map.of("sextant.target", options.target(), "sextant.dataset.sha256", dataset.sha256()));

        progress.update("done", 1.0);
        return new TrainingOutcome(facts(dataset), task, target.taskReason(), algorithm, params,
                evaluation.metrics(), evaluation.averaging(), plan.decisions(), onnx,
                ModelInterface.signature(table, plan.inputColumns(), task),
                ModelInterface.inputExample(table, plan.inputColumns(), split.holdout()), split, predictions,
                new Predictor(plan, model));
    }

    /**
     * Checks options against a file's header before any row is read: the target exists and can be
     * predicted, and the algorithm exists and can do the task where the header already tells it.
     * Training may still refuse the data for what only its values show (e.g. a single class).
     */
    public void preflight(List<ColumnHeader> columns, TrainingOptions options) {
        ColumnHeader target = columns.stream().filter(column -> column.name().equals(options.target())).findFirst()
                .orElseThrow(() -> SextantException.invalid("No column '" + options.target() + "' in the data; its "
                        + "columns are: " + columns.stream().map(ColumnHeader::name).collect(Collectors.joining(", "))
                        + "."));
        Target.checkType(target.name(), target.type(), options.task());
        if (!options.algorithm().isBlank()) {
            Algorithm algorithm = Algorithm.parse(options.algorithm());
            Target.taskBeforeValues(target.type(), options.task()).filter(task -> !algorithm.supports(task))
                    .ifPresent(task -> {
                        throw algorithm.unsupported(task);
                    });
        }
        if (columns.size() < 2) {
            throw SextantException.invalid("The data has no column besides the target '" + options.target()
                    + "', so there is nothing to learn from.");
        }
    }

    private static Map<String, String> params(TrainingOptions options, Task task, Algorithm algorithm,
                                              FeaturePlan plan, Split split, int usable, int rows) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("target", options.target());
        params.put("task", task.wireName());
        params.put("algorithm", algorithm.wireName());
        params.put("seed", String.valueOf(options.seed()));
        params.put("holdout", String.valueOf(options.holdout()));
        params.putAll(options.hyperparameters().asParams(algorithm.linear()));
        params.put("features", String.valueOf(plan.width()));
        params.put("input_columns", String.join(",", plan.inputColumns()));
        params.put("train_rows", String.valueOf(split.train().length));
        params.put("holdout_rows", String.valueOf(split.holdout().length));
        if (usable < rows) {
            params.put("rows_without_target", String.valueOf(rows - usable));
        }
        return params;
    }

    private static TrainingOutcome.DatasetFacts facts(Dataset dataset) {
        return new TrainingOutcome.DatasetFacts(dataset.name(), dataset.source().toString(),
                dataset.format().name().toLowerCase(java.util.Locale.ROOT), dataset.sha256(), dev.sextant.tracking.Dataset.shortDigest(dataset.sha256()),
                dataset.table().rowCount(), ModelInterface.datasetSchema(dataset.table()));
    }

    /** Params as a list, for printing. */
    static List<String> describe(TrainingOutcome outcome) {
        return outcome.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
