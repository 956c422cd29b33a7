package dev.sextant.training;

import dev.sextant.registry.packaging.InputExampleInfo;
import dev.sextant.registry.packaging.ModelPackageWriter;
import dev.sextant.registry.packaging.PackageFiles;
import dev.sextant.registry.packaging.Signature;
import dev.sextant.training.features.ColumnDecision;
import dev.sextant.training.models.Predictions;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a training run produced: the ONNX model over raw columns and what it expects, the
 * params and holdout metrics, and what was done with each column.
 *
 * @param dataset the data trained on, with its digest
 * @param holdoutPredictions the trained model's own predictions for {@code split.holdout()}, in order
 * @param predictor the feature plan and model in Java, as the ONNX graph computes them
 */
public record TrainingOutcome(
        DatasetFacts dataset,
        Task task,
        String taskReason,
        Algorithm algorithm,
        Map<String, String> params,
        Map<String, Double> metrics,
        String metricsAveraging,
        List<ColumnDecision> columns,
        byte[] onnxModel,
        Signature signature,
        String inputExample,
        Split split,
        Predictions holdoutPredictions,
        Predictor predictor) {

    public TrainingOutcome {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        columns = List.copyOf(columns);
        onnxModel = onnxModel.clone();
    }

    @Override
    public byte[] onnxModel() {
        return onnxModel.clone();
    }

    /** The model package (MLmodel, model.onnx, input example, digest manifest) for a run. */
    public PackageFiles modelPackage(Instant createdAt, String runId) {
        return ModelPackageWriter.onnx(onnxModel, createdAt)
                .signature(signature)
                .inputExample(inputExample, InputExampleInfo.dataframe(InputExampleInfo.DEFAULT_FILE))
                .runId(runId)
                .build();
    }

    /** The dataset a model was trained on. */
    public record DatasetFacts(String name, String source, String format, String sha256, String shortDigest,
                               int rows, String schemaJson) {
    }
}
