package dev.sextant.serving.runtime;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.registry.packaging.DigestManifest;
import dev.sextant.registry.packaging.MlModel;
import dev.sextant.registry.packaging.MlModelCodec;
import dev.sextant.registry.packaging.ModelFile;
import dev.sextant.registry.packaging.ModelPackage;
import dev.sextant.registry.packaging.PackageSource;
import dev.sextant.registry.packaging.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a package's files and checks each against the manifest the registry recorded. The bytes
 * that are hashed are the bytes that are loaded, so a file changed after the check cannot slip in.
 */
final class PackageVerifier {
    private PackageVerifier() {
    }

    /** The verified MLmodel and ONNX bytes, or a refusal naming every file that does not match. */
    static Verified verify(ModelPackage modelPackage, DigestManifest expected) {
        String onnxPath = modelPackage.onnxModel().orElseThrow(() -> SextantException.invalid(
                "The model package at " + modelPackage.source().description() + " has no ONNX model (its MLmodel has no "
                        + "onnx flavor); the runtime serves ONNX models."));
        PackageSource source = modelPackage.source();
        Set<String> present = new HashSet<>(source.files());
        present.remove(DigestManifest.FILE_NAME);
        List<String> problems = new ArrayList<>();
        byte[] onnx = new byte[0];
        byte[] mlModel = new byte[0];
        for (ModelFile want : expected.entries()) {
            if (!present.remove(want.path())) {
                problems.add("'" + want.path() + "' is missing");
                continue;
            }
            boolean keep = want.path().equals(onnxPath) || want.path().equals(MlModel.FILE_NAME);
            Read read = read(source, want.path(), keep);
            if (!read.file.sha256().equals(want.sha256()) || read.file.size() != want.size()) {
                problems.add("'" + want.path() + "' has SHA-256 " + read.file.sha256() + " (" + read.file.size()
                        + " bytes) but the registry recorded " + want.sha256() + " (" + want.size() + " bytes)");
            } else if (want.path().equals(onnxPath)) {
                onnx = read.bytes;
            } else if (want.path().equals(MlModel.FILE_NAME)) {
                mlModel = read.bytes;
            }
        }
        present.stream().sorted().forEach(extra -> problems.add("'" + extra + "' is not in the recorded manifest"));
        if (problems.isEmpty() && expected.file(onnxPath).isEmpty()) {
            problems.add("the ONNX model '" + onnxPath + "' is not in the recorded manifest");
        }
        if (problems.isEmpty() && expected.file(MlModel.FILE_NAME).isEmpty()) {
            problems.add("'" + MlModel.FILE_NAME + "' is not in the recorded manifest");
        }
        if (!problems.isEmpty()) {
            throw new SextantException(ErrorCode.INVALID_STATE, "Refusing to load the model package at "
                    + source.description() + " (" + expected.digest() + "): " + String.join("; ", problems)
                    + ". The stored files no longer match what was registered; restore them or register the model again.");
        }
        return new Verified(onnxPath, onnx, MlModelCodec.read(mlModel));
    }

    private static Read read(PackageSource source, String path, boolean keep) {
        MessageDigest digest = Sha256.newDigest();
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long size = 0;
        try (InputStream in = new DigestInputStream(opened(source, path), digest)) {
            OutputStream sink = keep ? kept : OutputStream.nullOutputStream();
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sink.write(buffer, 0, n);
                size += n;
            }
        } catch (IOException e) {
            throw new SextantException(ErrorCode.INVALID_STATE, "Could not read '" + path + "' of the model package at "
                    + source.description() + ": " + e.getMessage(), e);
        }
        return new Read(new ModelFile(path, Sha256.hex(digest), size), kept.toByteArray());
    }

    private static InputStream opened(PackageSource source, String path) {
        try {
            return source.open(path);
        } catch (SextantException e) {
            // listed a moment ago, gone now: the package is changing under us
            throw new SextantException(ErrorCode.INVALID_STATE, "Refusing to load the model package at "
                    + source.description() + ": '" + path + "' is missing.", e);
        }
    }

    record Verified(String onnxPath, byte[] onnx, MlModel mlModel) {
    }

    private record Read(ModelFile file, byte[] bytes) {
    }
}
