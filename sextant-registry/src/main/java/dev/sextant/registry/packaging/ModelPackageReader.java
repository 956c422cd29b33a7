package dev.sextant.registry.packaging;

import dev.sextant.api.SextantException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a model package from any {@link PackageSource}: parses the MLmodel file, hashes every file
 * and, when the package carries {@value DigestManifest#FILE_NAME}, checks the files against it.
 * Works unchanged on what MLflow's Python client logs (MLmodel, model.onnx, conda.yaml,
 * python_env.yaml, requirements.txt, input examples).
 */
public final class ModelPackageReader {
    private ModelPackageReader() {
    }

    public static ModelPackage read(PackageSource source) {
        List<String> paths = source.files();
        if (!paths.contains(MlModel.FILE_NAME)) {
            throw SextantException.invalid("No " + MlModel.FILE_NAME + " file at the root of the model package at "
                    + source.description() + "; log the model with its MLmodel file (found: " + paths + ").");
        }
        MlModel mlModel = MlModelCodec.read(source.read(MlModel.FILE_NAME));
        DigestManifest manifest = digests(source, paths);
        if (paths.contains(DigestManifest.FILE_NAME)) {
            DigestManifest declared = ManifestJson.read(source.read(DigestManifest.FILE_NAME));
            List<String> problems = manifest.differencesFrom(declared);
            if (!problems.isEmpty()) {
                throw SextantException.invalid("The model package at " + source.description()
                        + " does not match its " + DigestManifest.FILE_NAME + ": " + String.join("; ", problems) + ".");
            }
        }
        String onnxPath = mlModel.onnxModelPath().orElse("");
        if (!onnxPath.isEmpty() && manifest.file(onnxPath).isEmpty()) {
            throw SextantException.invalid("The MLmodel file names '" + onnxPath + "' as the ONNX model, but the package at "
                    + source.description() + " has no such file.");
        }
        return new ModelPackage(source, mlModel, manifest, onnxPath);
    }

    /** Digests of every file of {@code source} except the manifest file. */
    public static DigestManifest digests(PackageSource source, List<String> paths) {
        List<ModelFile> files = new ArrayList<>();
        for (String path : paths) {
            if (path.equals(DigestManifest.FILE_NAME)) {
                continue;
            }
            try (InputStream in = source.open(path)) {
                files.add(Sha256.file(path, in));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read '" + path + "' of the model package at "
                        + source.description(), e);
            }
        }
        return DigestManifest.of(files);
    }
}
