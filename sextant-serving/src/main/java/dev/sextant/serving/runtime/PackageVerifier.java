package dev.sextant.serving.runtime;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.registry.packaging.DigestManifest;
import dev.sextant.registry.packaging.MlModel;
import dev.sextant.registry.packaging.MlModelCodec;
import dev.sextant.registry.packaging.ModelFile;
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
 * Reads a package's files and checks each against the manifest the registry recorded. Nothing
 * read before is trusted: the MLmodel file that names the ONNX model and the ONNX bytes handed to
 * ONNX Runtime are the very bytes that were hashed, so a file changed after the check cannot slip in.
 */
final class PackageVerifier {
    private PackageVerifier() {
    }

    /** The verified MLmodel and ONNX bytes, or a refusal naming every file that does not match. */
    static Verified verify(PackageSource source, DigestManifest expected) {
        Set<String> present = new HashSet<>(source.files());
        present.remove(DigestManifest.FILE_NAME);
        List<String> problems = new ArrayList<>();
        for (ModelFile want : expected.entries()) {
            if (!present.contains(want.path())) {
                problems.add("'" + want.path() + "' is missing");
            }
        }
        present.stream().filter(path -> expected.file(path).isEmpty()).sorted()
                .forEach(extra -> problems.add("'" + extra + "' is not in the recorded manifest"));
        String onnxPath = "";
        MlModel mlModel = null;
        if (expected.file(MlModel.FILE_NAME).isEmpty()) {
            problems.add("'" + MlModel.FILE_NAME + "' is not in the recorded manifest");
        } else if (present.contains(MlModel.FILE_NAME)) {
            byte[] bytes = check(source, expected.file(MlModel.FILE_NAME).get(), true, problems);
            if (bytes.length > 0 || problems.isEmpty()) {
                mlModel = MlModelCodec.read(bytes);
                onnxPath = mlModel.onnxModelPath().orElseThrow(() -> SextantException.invalid("The model package at "
                        + source.description() + " has no ONNX model (its MLmodel has no onnx flavor); the runtime serves ONNX models."));
                if (expected.file(onnxPath).isEmpty()) {
                    problems.add("the ONNX model '" + onnxPath + "' is not in the recorded manifest");
                }
            }
        }
        byte[] onnx = new byte[0];
        for (ModelFile want : expected.entries()) {
            if (present.contains(want.path()) && !want.path().equals(MlModel.FILE_NAME)) {
                byte[] bytes = check(source, want, want.path().equals(onnxPath), problems);
                if (want.path().equals(onnxPath)) {
                    onnx = bytes;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new SextantException(ErrorCode.INVALID_STATE, "Refusing to load the model package at "
                    + source.description() + " (" + expected.digest() + "): " + String.join("; ", problems)
                    + ". The stored files no longer match what was registered; restore them or register the model again.");
        }
        return new Verified(onnxPath, onnx, mlModel);
    }

    /** The file's bytes if {@code keep} and it matches; otherwise an empty array (and a problem if it differs). */
    private static byte[] check(PackageSource source, ModelFile want, boolean keep, List<String> problems) {
        MessageDigest digest = Sha256.newDigest();
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long size = 0;
        try (InputStream in = new DigestInputStream(opened(source, want.path()), digest)) {
            OutputStream sink = keep ? kept : OutputStream.nullOutputStream();
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sink.write(buffer, 0, n);
                size += n;
            }
        } catch (IOException e) {
            throw new SextantException(ErrorCode.INVALID_STATE, "Could not read '" + want.path() + "' of the model package at "
                    + source.description() + ": " + e.getMessage(), e);
        }
        String sha256 = Sha256.hex(digest);
        if (!sha256.equals(want.sha256()) || size != want.size()) {
            problems.add("'" + want.path() + "' has SHA-256 " + sha256 + " (" + size + " bytes) but the registry recorded "
                    + want.sha256() + " (" + want.size() + " bytes)");
            return new byte[0];
        }
        return kept.toByteArray();
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
}
