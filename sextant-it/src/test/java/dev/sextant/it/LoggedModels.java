package dev.sextant.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Logs a real ONNX model ({@code ../shared/models/sklearn-onnx}) as a run artifact the way MLflow's
 * Python client lays it out (MLmodel, model.onnx, environment files), through the artifact proxy.
 */
final class LoggedModels {
    static final String LOGREG_INPUTS =
            "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1, 2]}, \"name\": \"X\"}]";

    private LoggedModels() {
    }

    /** {@code ../shared} beside the repository: -Dsextant.shared, else found walking up from the working directory. */
    static Path shared() {
        String configured = System.getProperty("sextant.shared", "");
        if (!configured.isEmpty() && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolveSibling("shared").resolve("models"))) {
                return dir.resolveSibling("shared");
            }
        }
        throw new IllegalStateException("../shared (models and data beside the repository) was not found");
    }

    static byte[] onnx(String file) {
        try {
            return Files.readAllBytes(shared().resolve("models/sklearn-onnx").resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Logs {@code onnxFile} under {@code <artifact_uri>/<path>}; returns the files as uploaded. */
    static Map<String, byte[]> log(Http http, String runId, String artifactUri, String path, String onnxFile,
                                   boolean signature) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("MLmodel", utf8(mlModel(runId, signature)));
        files.put("model.onnx", onnx(onnxFile));
        files.put("requirements.txt", utf8("mlflow==2.17.2\nonnx==1.16.1\nonnxruntime==1.19.2\n"));
        files.put("python_env.yaml", utf8("python: 3.11.9\nbuild_dependencies:\n- pip\ndependencies:\n"
                + "- -r requirements.txt\n"));
        String root = artifactUri.replaceFirst("^mlflow-artifacts:/+", "");
        files.forEach((name, bytes) -> {
            Http.Response put = http.send("PUT", Http.ARTIFACTS + "/" + root + "/" + path + "/" + name,
                    "application/octet-stream", bytes);
            if (put.status() != 200) {
                throw new AssertionError("upload of " + name + " answered " + put);
            }
        });
        return files;
    }

    static String mlModel(String runId, boolean signature) {
        String text = """
                artifact_path: model
                flavors:
                  onnx:
                    code: null
                    data: model.onnx
                    onnx_version: 1.16.1
                    providers:
                    - CPUExecutionProvider
                  python_function:
                    data: model.onnx
                    env:
                      conda: conda.yaml
                      virtualenv: python_env.yaml
                    loader_module: mlflow.onnx
                    python_version: 3.11.9
                mlflow_version: 2.17.2
                model_uuid: 0c6d1f7e9a2b4d3c8e5f6a7b8c9d0e1f
                run_id: %s
                utc_time_created: '2024-11-05 10:15:42.123456'
                """.formatted(runId);
        return signature ? text + "signature:\n  inputs: '" + LOGREG_INPUTS + "'\n  outputs: null\n  params: null\n"
                : text;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
