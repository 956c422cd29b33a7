package dev.sextant.store.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.registry.packaging.ModelPackage;
import dev.sextant.registry.packaging.ModelPackageReader;
import dev.sextant.registry.packaging.ModelPackageWriter;
import dev.sextant.registry.packaging.PackageFiles;
import dev.sextant.registry.packaging.PackageSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model packages read and written through the local artifact store, as the registry will. */
class ModelPackageArtifactsTest {
    private static final byte[] ONNX = "stand-in model bytes: packaging does not parse ONNX".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void aPackageWrittenToTheStoreReadsBackWithTheSameManifest() {
        LocalArtifactStore store = new LocalArtifactStore(dir.resolve("artifacts"));
        PackageFiles files = ModelPackageWriter.onnx(ONNX, Instant.parse("2025-01-01T00:00:00Z"))
                .inputExample("{\"inputs\": [[1.0, 2.0]]}").build();

        ModelPackage stored = files.writeTo(store, "1/0b6f2ad5/artifacts/model");

        assertThat(stored.manifest()).isEqualTo(files.manifest());
        assertThat(stored.mlModel()).isEqualTo(files.mlModel());
        assertThat(stored.source().files()).containsExactly("MLmodel", "input_example.json", "model.onnx",
                "sextant-manifest.json");
        assertThat(stored.source().read("model.onnx")).isEqualTo(ONNX);
        assertThat(stored.source().description()).isEqualTo("artifacts:/1/0b6f2ad5/artifacts/model");
    }

    @Test
    void readsAnMlflowRunFolderWithNestedFilesAndNamesMissingOnes() {
        LocalArtifactStore store = new LocalArtifactStore(dir.resolve("artifacts"));
        put(store, "run/model/MLmodel", "flavors:\n  onnx:\n    data: model.onnx\n");
        put(store, "run/model/model.onnx", "onnx");
        put(store, "run/model/code/prep.py", "print(1)\n");
        put(store, "run/other.txt", "not part of the model");

        ModelPackage read = ModelPackageReader.read(PackageSource.artifacts(store, "run/model"));

        assertThat(read.manifest().files().keySet()).containsExactly("MLmodel", "code/prep.py", "model.onnx");
        assertThat(read.onnxModel()).contains("model.onnx");
        assertThatThrownBy(() -> read.source().open("conda.yaml"))
                .isInstanceOf(SextantException.class)
                .hasMessageContaining("'conda.yaml' does not exist under artifact path 'run/model'")
                .extracting(e -> ((SextantException) e).code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST);
    }

    private static void put(LocalArtifactStore store, String path, String content) {
        store.put(path, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }
}
