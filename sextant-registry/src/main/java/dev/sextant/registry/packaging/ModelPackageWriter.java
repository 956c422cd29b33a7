package dev.sextant.registry.packaging;

import dev.sextant.api.SextantException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes new ONNX model packages: {@code MLmodel}, {@code model.onnx}, optionally
 * {@code input_example.json}, and {@value DigestManifest#FILE_NAME}. Deterministic: the same
 * inputs give the same bytes (the creation time is an input, the model UUID is derived from the
 * content unless given), so a trainer that is itself reproducible produces identical packages.
 * <pre>{@code
 * PackageFiles files = ModelPackageWriter.onnx(onnxBytes, createdAt)
 *         .signature(signature).runId(runId).inputExample("{\"inputs\": [[5.1, 3.5]]}")
 *         .build();
 * ModelPackage written = files.writeTo(directory);
 * }</pre>
 */
public final class ModelPackageWriter {
    public static final String MODEL_FILE = "model.onnx";
    public static final String CPU_PROVIDER = "CPUExecutionProvider";

    private final byte[] onnxModel;
    private final Instant createdAt;
    private Signature signature = Signature.NONE;
    private String inputExampleJson = "";
    private InputExampleInfo inputExample = InputExampleInfo.NONE;
    private String runId = "";
    private String artifactPath = "model";
    private String modelUuid = "";
    private String onnxVersion = "";
    private String mlflowVersion = "";

    private ModelPackageWriter(byte[] onnxModel, Instant createdAt) {
        this.onnxModel = onnxModel.clone();
        this.createdAt = createdAt;
    }

    /** A writer for a package around {@code onnxModel}, created at {@code createdAt}. */
    public static ModelPackageWriter onnx(byte[] onnxModel, Instant createdAt) {
        if (onnxModel.length == 0) {
            throw SextantException.invalid("An ONNX model package needs the model's bytes; got an empty file.");
        }
        return new ModelPackageWriter(onnxModel, createdAt);
    }

    public ModelPackageWriter signature(Signature value) {
        this.signature = value;
        return this;
    }

    /** A tensor input example in MLflow's TF-serving JSON, e.g. {@code {"inputs": [[5.1, 3.5]]}}. */
    public ModelPackageWriter inputExample(String json) {
        return inputExample(json, InputExampleInfo.ndarray(InputExampleInfo.DEFAULT_FILE));
    }

    public ModelPackageWriter inputExample(String json, InputExampleInfo info) {
        SignatureJson.parseFragment(json);
        PackagePaths.requireRelative(info.artifactPath());
        if (List.of(MlModel.FILE_NAME, MODEL_FILE, DigestManifest.FILE_NAME).contains(info.artifactPath())) {
            throw SextantException.invalid("The input example cannot be stored as '" + info.artifactPath()
                    + "'; that name belongs to the package. Use " + InputExampleInfo.DEFAULT_FILE + ".");
        }
        this.inputExampleJson = json;
        this.inputExample = info;
        return this;
    }

    public ModelPackageWriter runId(String value) {
        this.runId = value;
        return this;
    }

    /** Where the model sits in its run's artifacts; {@code model} unless set. */
    public ModelPackageWriter artifactPath(String value) {
        this.artifactPath = value;
        return this;
    }

    /** The model UUID; derived from the model bytes and creation time unless set. */
    public ModelPackageWriter modelUuid(String value) {
        this.modelUuid = value;
        return this;
    }

    /** Version of the ONNX format library that produced the model, written to the onnx flavor. */
    public ModelPackageWriter onnxVersion(String value) {
        this.onnxVersion = value;
        return this;
    }

    /** The MLflow format version to claim in {@code mlflow_version}; omitted unless set. */
    public ModelPackageWriter mlflowVersion(String value) {
        this.mlflowVersion = value;
        return this;
    }

    public PackageFiles build() {
        String onnxDigest = Sha256.hex(onnxModel);
        String time = MlModel.formatTime(createdAt);
        String uuid = modelUuid.isEmpty()
                ? UUID.nameUUIDFromBytes((onnxDigest + '\0' + time).getBytes(StandardCharsets.UTF_8)).toString().replace("-", "")
                : modelUuid;
        Map<String, Flavor> flavors = Map.of(
                OnnxFlavor.NAME, new OnnxFlavor(onnxVersion, MODEL_FILE, List.of(CPU_PROVIDER), Map.of()),
                PythonFunctionFlavor.NAME, new PythonFunctionFlavor(PythonFunctionFlavor.ONNX_LOADER, MODEL_FILE,
                        Map.of(), "", Map.of()));
        MlModel mlModel = new MlModel(artifactPath, flavors, mlflowVersion, uuid, runId, time, signature,
                inputExample, Map.of());
        Map<String, byte[]> files = new TreeMap<>();
        files.put(MlModel.FILE_NAME, MlModelCodec.write(mlModel));
        files.put(MODEL_FILE, onnxModel);
        if (inputExample.isPresent()) {
            files.put(inputExample.artifactPath(), inputExampleJson.getBytes(StandardCharsets.UTF_8));
        }
        return new PackageFiles(mlModel, files);
    }
}
