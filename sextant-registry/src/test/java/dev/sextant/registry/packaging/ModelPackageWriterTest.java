package dev.sextant.registry.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPackageWriterTest {
    private static final Instant CREATED = Instant.parse("2025-03-04T05:06:07.123456Z");
    private static final Signature SIGNATURE = new Signature(
            List.of(TensorSpec.of("X", "float32", -1, 2)),
            List.of(TensorSpec.of("output_label", "int64", -1)));

    @TempDir
    Path dir;

    @Test
    void sameInputsGiveTheSameBytes() throws IOException {
        byte[] onnx = Files.readAllBytes(SharedFiles.model("logreg_iris.onnx"));

        PackageFiles first = writer(onnx).build();
        PackageFiles second = writer(onnx).build();

        assertThat(first.paths()).containsExactly("MLmodel", "input_example.json", "model.onnx", "sextant-manifest.json");
        for (String path : first.paths()) {
            assertThat(second.content(path)).as(path).isEqualTo(first.content(path));
        }
        assertThat(first.mlModel().modelUuid()).matches("[0-9a-f]{32}");
        assertThat(writer(onnx).modelUuid("").build().mlModel().modelUuid()).isEqualTo(first.mlModel().modelUuid());
    }

    @Test
    void creationTimeAndModelBytesChangeThePackage() throws IOException {
        byte[] onnx = Files.readAllBytes(SharedFiles.model("logreg_iris.onnx"));
        byte[] other = Files.readAllBytes(SharedFiles.model("rf_iris.onnx"));
        String digest = writer(onnx).build().manifest().digest();

        assertThat(ModelPackageWriter.onnx(onnx, CREATED.plusMillis(1)).signature(SIGNATURE)
                .inputExample("{\"inputs\": [[5.1, 3.5]]}").runId("r1").build().manifest().digest()).isNotEqualTo(digest);
        assertThat(writer(other).build().manifest().digest()).isNotEqualTo(digest);
    }

    @Test
    void writtenPackageReadsBackWithItsManifestVerified() throws IOException {
        byte[] onnx = Files.readAllBytes(SharedFiles.model("logreg_iris.onnx"));
        PackageFiles files = writer(onnx).build();

        ModelPackage written = files.writeTo(dir.resolve("pkg"));

        assertThat(written.mlModel()).isEqualTo(files.mlModel());
        assertThat(written.manifest()).isEqualTo(files.manifest());
        assertThat(written.onnxModel()).contains("model.onnx");
        assertThat(written.mlModel().signature()).isEqualTo(SIGNATURE);
        assertThat(written.mlModel().createdAt()).contains(CREATED);
        assertThat(written.mlModel().inputExample().type()).isEqualTo("ndarray");
        assertThat(Files.readString(dir.resolve("pkg/input_example.json"))).isEqualTo("{\"inputs\": [[5.1, 3.5]]}");
        String mlmodel = Files.readString(dir.resolve("pkg/MLmodel"));
        assertThat(mlmodel).contains("  onnx:\n    data: model.onnx\n    providers:\n    - CPUExecutionProvider\n")
                .contains("  python_function:\n    data: model.onnx\n    loader_module: mlflow.onnx\n")
                .contains("run_id: r1\n")
                .contains("utc_time_created: '2025-03-04 05:06:07.123456'\n");
    }

    @Test
    void aChangedFileNoLongerMatchesTheWrittenManifest() throws IOException {
        byte[] onnx = Files.readAllBytes(SharedFiles.model("logreg_iris.onnx"));
        writer(onnx).build().writeTo(dir.resolve("pkg"));
        Files.writeString(dir.resolve("pkg/input_example.json"), "{\"inputs\": [[9.9, 9.9]]}");

        assertThatThrownBy(() -> ModelPackageReader.read(PackageSource.directory(dir.resolve("pkg"))))
                .hasMessageContaining("does not match its sextant-manifest.json")
                .hasMessageContaining("'input_example.json' has SHA-256");
    }

    @Test
    void refusesToWriteIntoANonEmptyDirectoryOrAnInvalidExample() throws IOException {
        byte[] onnx = Files.readAllBytes(SharedFiles.model("logreg_iris.onnx"));
        Files.writeString(dir.resolve("stale.txt"), "x");

        assertThatThrownBy(() -> writer(onnx).build().writeTo(dir)).hasMessageContaining("not empty");
        assertThatThrownBy(() -> ModelPackageWriter.onnx(onnx, CREATED).inputExample("{not json"))
                .hasMessageContaining("Invalid JSON");
        assertThatThrownBy(() -> ModelPackageWriter.onnx(new byte[0], CREATED)).hasMessageContaining("empty file");
        assertThat(new String(writer(onnx).build().content("sextant-manifest.json"), StandardCharsets.UTF_8))
                .contains("\"path\" : \"model.onnx\"");
    }

    private static ModelPackageWriter writer(byte[] onnx) {
        return ModelPackageWriter.onnx(onnx, CREATED).signature(SIGNATURE)
                .inputExample("{\"inputs\": [[5.1, 3.5]]}").runId("r1");
    }
}
