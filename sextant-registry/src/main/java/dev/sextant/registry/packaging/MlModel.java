package dev.sextant.registry.packaging;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The content of an MLflow {@code MLmodel} file. Keys Sextant does not interpret (MLflow adds new
 * ones often: {@code model_id}, {@code model_size_bytes}, {@code prompts}, …) are kept in
 * {@code otherFields} as JSON text, so a file read and written back keeps them.
 *
 * @param artifactPath where the model was logged in its run ({@code model}; MLflow 3 may write a
 *     full URI); empty if absent
 * @param flavors by flavor name
 * @param utcTimeCreated as MLflow writes it, {@code 2024-06-06 12:34:56.123456}; see {@link #createdAt()}
 * @param signature {@link Signature#NONE} if the file declares none
 * @param inputExample {@link InputExampleInfo#NONE} if no example was saved
 */
public record MlModel(
        String artifactPath,
        Map<String, Flavor> flavors,
        String mlflowVersion,
        String modelUuid,
        String runId,
        String utcTimeCreated,
        Signature signature,
        InputExampleInfo inputExample,
        Map<String, String> otherFields) {
    public static final String FILE_NAME = "MLmodel";
    /** MLflow's layout of {@code utc_time_created}. */
    static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    public MlModel {
        flavors = Collections.unmodifiableMap(new TreeMap<>(flavors));
        otherFields = Collections.unmodifiableMap(new TreeMap<>(otherFields));
        flavors.forEach((name, flavor) -> {
            if (!name.equals(flavor.name())) {
                throw new IllegalArgumentException("flavor " + flavor.name() + " filed under " + name);
            }
        });
    }

    public Optional<OnnxFlavor> onnxFlavor() {
        return Optional.ofNullable(flavors.get(OnnxFlavor.NAME)).map(OnnxFlavor.class::cast);
    }

    public Optional<PythonFunctionFlavor> pythonFunction() {
        return Optional.ofNullable(flavors.get(PythonFunctionFlavor.NAME)).map(PythonFunctionFlavor.class::cast);
    }

    /**
     * The ONNX model file relative to the package root: the onnx flavor's {@code data}, or the
     * python_function flavor's when it loads through {@code mlflow.onnx}.
     */
    public Optional<String> onnxModelPath() {
        Optional<String> onnx = onnxFlavor().map(OnnxFlavor::data).filter(data -> !data.isEmpty());
        if (onnx.isPresent()) {
            return onnx;
        }
        return pythonFunction()
                .filter(pyfunc -> pyfunc.loaderModule().equals(PythonFunctionFlavor.ONNX_LOADER))
                .map(PythonFunctionFlavor::data)
                .filter(data -> !data.isEmpty());
    }

    /** {@code utc_time_created} as an instant, if present and in MLflow's layout. */
    public Optional<Instant> createdAt() {
        if (utcTimeCreated.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(utcTimeCreated, TIME_FORMAT).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code instant} in MLflow's {@code utc_time_created} layout. */
    public static String formatTime(Instant instant) {
        return TIME_FORMAT.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** This model with another signature (e.g. one inferred from the ONNX graph). */
    public MlModel withSignature(Signature newSignature) {
        return new MlModel(artifactPath, flavors, mlflowVersion, modelUuid, runId, utcTimeCreated,
                newSignature, inputExample, otherFields);
    }
}
