package dev.sextant.serving.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.registry.packaging.DigestManifest;
import dev.sextant.registry.packaging.ModelPackage;
import dev.sextant.registry.packaging.ModelPackageReader;
import dev.sextant.registry.packaging.PackageSource;
import dev.sextant.registry.packaging.Signature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading checks every file against the manifest recorded at registration, and refuses bad ONNX. */
class VerifiedLoadingTest {
    private final ModelRuntime runtime = ModelRuntime.create(RuntimeOptions.defaults());

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void aModelFileWithOtherBytesIsRefusedNamingTheFile() throws IOException {
        ModelPackage registered = Packages.write(dir, "logreg_iris.onnx");
        byte[] onnx = Files.readAllBytes(dir.resolve("model.onnx"));
        onnx[onnx.length / 2] ^= 1;
        Files.write(dir.resolve("model.onnx"), onnx);

        assertThatThrownBy(() -> runtime.load(PackageSource.directory(dir), registered.manifest()))
                .isInstanceOf(SextantException.class)
                .hasMessageContaining("'model.onnx' has SHA-256")
                .hasMessageContaining("but the registry recorded " + registered.manifest().file("model.onnx").orElseThrow().sha256())
                .extracting(e -> ((SextantException) e).code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(runtime.cachedModels()).isZero();
    }

    @Test
    void aChangedMlmodelIsRefusedToo() throws IOException {
        ModelPackage registered = Packages.write(dir, "logreg_iris.onnx");
        Files.writeString(dir.resolve("MLmodel"), Files.readString(dir.resolve("MLmodel")) + "extra_key: 1\n");

        assertThatThrownBy(() -> runtime.load(PackageSource.directory(dir), registered.manifest()))
                .hasMessageContaining("'MLmodel' has SHA-256");
    }

    @Test
    void aMissingFileIsRefusedNamingTheFile() throws IOException {
        ModelPackage registered = Packages.write(dir, "logreg_iris.onnx");
        Files.delete(dir.resolve("input_example.json"));

        assertThatThrownBy(() -> runtime.load(PackageSource.directory(dir), registered.manifest()))
                .hasMessageContaining("'input_example.json' is missing")
                .extracting(e -> ((SextantException) e).code()).isEqualTo(ErrorCode.INVALID_STATE);
    }

    @Test
    void aFileTheRegistryNeverSawIsRefused() throws IOException {
        ModelPackage registered = Packages.write(dir, "logreg_iris.onnx");
        Files.writeString(dir.resolve("extra.py"), "import os\n");

        assertThatThrownBy(() -> runtime.load(PackageSource.directory(dir), registered.manifest()))
                .hasMessageContaining("'extra.py' is not in the recorded manifest");
    }

    @Test
    void aManifestThatLeavesOutTheModelFileIsRefused() {
        ModelPackage registered = Packages.write(dir, "logreg_iris.onnx");
        DigestManifest withoutModel = DigestManifest.of(registered.manifest().entries().stream()
                .filter(file -> !file.path().equals("model.onnx")).toList());

        assertThatThrownBy(() -> runtime.load(registered, withoutModel))
                .hasMessageContaining("'model.onnx' is not in the recorded manifest");
    }

    @Test
    void corruptOnnxBytesAreAClearErrorNotACrash() {
        for (byte[] corrupt : new byte[][] {
                "this is not an ONNX model".getBytes(),
                Arrays.copyOf(Packages.bytes("rf_iris.onnx"), 700),
                new byte[4096]}) {
            Path where = dir.resolve("corrupt-" + corrupt.length);
            ModelPackage registered = Packages.write(where, corrupt, Signature.NONE);

            assertThatThrownBy(() -> runtime.load(registered, registered.manifest()))
                    .isInstanceOf(SextantException.class)
                    .hasMessageContaining("'model.onnx' of the model package at " + where.toAbsolutePath())
                    .hasMessageContaining("is not a model ONNX Runtime can load")
                    .extracting(e -> ((SextantException) e).code()).isEqualTo(ErrorCode.INVALID_STATE);
        }
        assertThat(runtime.cachedModels()).isZero();
    }

    @Test
    void aPackageWithoutAnOnnxFlavorIsRefused() throws IOException {
        Files.writeString(dir.resolve("MLmodel"), "flavors:\n  sklearn:\n    pickled_model: model.pkl\n");
        Files.writeString(dir.resolve("model.pkl"), "pickle");
        ModelPackage sklearn = reread();

        assertThatThrownBy(() -> runtime.load(sklearn, sklearn.manifest()))
                .hasMessageContaining("has no ONNX model")
                .extracting(e -> ((SextantException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    }

    @Test
    void anUntouchedPackageLoadsWithTheDigestItWasRegisteredUnder() {
        ModelPackage registered = Packages.write(dir, "logreg_iris.onnx");

        try (LoadedModel model = runtime.load(PackageSource.directory(dir), registered.manifest())) {
            assertThat(model.digest()).isEqualTo(registered.digest());
            assertThat(runtime.isCached(registered.digest())).isTrue();
        }
    }

    private ModelPackage reread() {
        return ModelPackageReader.read(PackageSource.directory(dir));
    }
}
