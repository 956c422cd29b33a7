package dev.sextant.serving.runtime;

import dev.sextant.registry.packaging.ModelPackage;
import dev.sextant.registry.packaging.ModelPackageWriter;
import dev.sextant.registry.packaging.Signature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Model packages written around the shared sklearn-converted ONNX files, as training would write them. */
public final class Packages {
    static final Instant CREATED = Instant.parse("2025-05-06T07:08:09Z");

    private Packages() {
    }

    /** A package of {@code ../shared/models/sklearn-onnx/<model>} in {@code directory}. */
    public static ModelPackage write(Path directory, String model) {
        return write(directory, bytes(model), Signature.NONE);
    }

    public static ModelPackage write(Path directory, byte[] onnx, Signature signature) {
        return ModelPackageWriter.onnx(onnx, CREATED).signature(signature).inputExample("{\"inputs\": [[5.1, 3.5]]}")
                .build().writeTo(directory);
    }

    public static byte[] bytes(String model) {
        try {
            return Files.readAllBytes(SharedFiles.model(model));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
