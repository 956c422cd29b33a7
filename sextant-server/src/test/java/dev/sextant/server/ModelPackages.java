package dev.sextant.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Model packages as MLflow's Python client logs them (MLmodel, model.onnx, conda.yaml,
 * python_env.yaml, requirements.txt), uploaded as run artifacts through the artifact proxy. The
 * ONNX files are the real ones in {@code ../shared/models/sklearn-onnx}.
 */
public final class ModelPackages {
    /** The signature MLflow writes for logreg_iris.onnx (one float input of width 2). */
    public static final String LOGREG_INPUTS =
            "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1, 2]}, \"name\": \"X\"}]";
    public static final String LOGREG_OUTPUTS =
            "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"int64\", \"shape\": [-1]}, \"name\": \"output_label\"}]";

    private ModelPackages() {
    }

    /** {@code ../shared} beside the repository: from -Dsextant.shared, else found walking up from the working directory. */
    public static Path shared() {
        String configured = System.getProperty("sextant.shared", "");
        if (!configured.isEmpty() && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("models"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("../shared (models and data beside the repository) was not found");
    }

    public static byte[] sharedModel(String file) {
        try {
            return Files.readAllBytes(shared().resolve("models/sklearn-onnx").resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An MLflow 2.x MLmodel of an ONNX model; {@code signature} false leaves the signature out. */
    public static String mlModel(String runId, boolean signature) {
        String text = """
                artifact_path: model
                flavors:
                  onnx:
                    code: null
                    data: model.onnx
                    onnx_version: 1.16.1
                    providers:
                    - CUDAExecutionProvider
                    - CPUExecutionProvider
                  python_function:
                    data: model.onnx
                    env:
                      conda: conda.yaml
                      virtualenv: python_env.yaml
                    loader_module: mlflow.onnx
                    python_version: 3.11.9
                mlflow_version: 2.17.2
                model_size_bytes: 640
                model_uuid: 5f1c0f3b2d2f4c2e9b8e0a7d6c5b4a39
                run_id: %s
                utc_time_created: '2024-11-05 10:15:42.123456'
                """.formatted(runId);
        if (signature) {
            text += "signature:\n  inputs: '" + LOGREG_INPUTS + "'\n  outputs: '" + LOGREG_OUTPUTS
                    + "'\n  params: null\n";
        }
        return text;
    }

    /** The files of a package: MLmodel, the ONNX bytes as model.onnx, and MLflow's environment files. */
    public static Map<String, byte[]> files(String runId, boolean signature, byte[] onnx) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("MLmodel", utf8(mlModel(runId, signature)));
        files.put("model.onnx", onnx);
        files.put("conda.yaml", utf8("channels:\n- conda-forge\ndependencies:\n- python=3.11.9\n- pip:\n  - mlflow==2.17.2\n"
                + "  - onnx==1.16.1\nname: mlflow-env\n"));
        files.put("python_env.yaml", utf8("python: 3.11.9\nbuild_dependencies:\n- pip\ndependencies:\n"
                + "- -r requirements.txt\n"));
        files.put("requirements.txt", utf8("mlflow==2.17.2\nonnx==1.16.1\nonnxruntime==1.19.2\n"));
        return files;
    }

    /** Uploads files under {@code <artifactUri>/<path>/} through the artifact proxy. */
    public static void upload(Http http, String artifactUri, String path, Map<String, byte[]> files) {
        String root = artifactUri.replaceFirst("^mlflow-artifacts:/+", "");
        files.forEach((name, bytes) -> {
            HttpResult put = http.send("PUT", "/api/2.0/mlflow-artifacts/artifacts/" + root + "/" + path + "/" + name,
                    BodyPublishers.ofByteArray(bytes));
            assertThat(put.status()).as("upload %s: %s", name, put.body()).isEqualTo(200);
        });
    }

    /** Logs logreg_iris.onnx as {@code <run>/artifacts/<path>} with an MLflow MLmodel. */
    public static void logLogreg(Http http, String runId, String artifactUri, String path, boolean signature) {
        upload(http, artifactUri, path, files(runId, signature, sharedModel("logreg_iris.onnx")));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
