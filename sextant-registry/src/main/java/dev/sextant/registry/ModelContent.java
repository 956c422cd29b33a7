package dev.sextant.registry;

import dev.sextant.registry.packaging.DigestManifest;
import dev.sextant.registry.packaging.ModelFile;
import java.util.List;
import java.util.Optional;

/**
 * What a model version is made of, recorded when it is registered: where the package lives, the
 * digest of the whole package and of every file, and the signature. A server refuses to load a
 * package whose bytes no longer match these digests.
 *
 * @param storageLocation the package's artifact URI, e.g. {@code mlflow-artifacts:/1/<run>/artifacts/model}
 * @param packageDigest a digest over the sorted file entries, e.g. {@code sha256:…}
 * @param modelFile the path of the ONNX file inside the package
 * @param signature MLflow's signature form: {@code inputs} and {@code outputs} as JSON text
 * @param signatureInferred whether the MLmodel had no signature and it was read from the ONNX graph
 */
public record ModelContent(String storageLocation, String packageDigest, String modelFile, List<FileDigest> files,
                           ModelSignature signature, boolean signatureInferred) {

    public ModelContent {
        files = List.copyOf(files);
    }

    /** Where the package lives in this server's artifact store, when it lives there. */
    public Optional<String> storePath() {
        return ArtifactLocations.storePath(storageLocation);
    }

    /** The recorded file digests as the manifest a runtime verifies the package against. */
    public DigestManifest manifest() {
        return DigestManifest.of(files.stream().map(f -> new ModelFile(f.path(), f.sha256(), f.size())).toList());
    }
}
