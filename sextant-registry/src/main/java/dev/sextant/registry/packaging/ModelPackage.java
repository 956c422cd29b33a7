package dev.sextant.registry.packaging;

import java.util.Optional;

/**
 * A model package as read from its source: the MLmodel description, the digest of every file as
 * found, and which file is the ONNX model.
 *
 * @param manifest every file except {@value DigestManifest#FILE_NAME}, with digests computed from
 *     the bytes read
 * @param onnxPath the ONNX model file; empty when the package has no ONNX flavor
 */
public record ModelPackage(PackageSource source, MlModel mlModel, DigestManifest manifest, String onnxPath) {

    public Optional<String> onnxModel() {
        return onnxPath.isEmpty() ? Optional.empty() : Optional.of(onnxPath);
    }

    /** The stable digest of the whole package; see {@link DigestManifest#digest()}. */
    public String digest() {
        return manifest.digest();
    }
}
