package dev.sextant.registry.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPackageReaderTest {
    private static final List<String> MLFLOW_RUN_FILES = List.of("MLmodel", "conda.yaml", "input_example.json",
            "python_env.yaml", "requirements.txt", "serving_input_example.json");

    @TempDir
    Path dir;

    @Test
    void readsWhatMlflowsPythonClientLogsAsItIs() throws IOException {
        Path model = mlflowRun("v2-onnx", "logreg_iris.onnx");

        ModelPackage read = ModelPackageReader.read(PackageSource.directory(model));

        assertThat(read.onnxModel()).contains("model.onnx");
        assertThat(read.manifest().files().keySet()).containsExactly("MLmodel", "conda.yaml", "input_example.json",
                "model.onnx", "python_env.yaml", "requirements.txt", "serving_input_example.json");
        ModelFile onnx = read.manifest().file("model.onnx").orElseThrow();
        byte[] onnxBytes = Files.readAllBytes(SharedFiles.model("logreg_iris.onnx"));
        assertThat(onnx.sha256()).isEqualTo(Sha256.hex(onnxBytes));
        assertThat(onnx.size()).isEqualTo(onnxBytes.length);
        assertThat(read.mlModel().signature().tensorInputs()).isTrue();
        assertThat(read.source().read("model.onnx")).isEqualTo(onnxBytes);
    }

    @Test
    void packageDigestDependsOnlyOnContent() throws IOException {
        Path first = mlflowRun("v2-onnx", "logreg_iris.onnx");
        Path second = Files.createDirectories(dir.resolve("copy"));
        for (String name : List.of("MLmodel", "conda.yaml", "input_example.json", "model.onnx", "python_env.yaml",
                "requirements.txt", "serving_input_example.json")) {
            Files.copy(first.resolve(name), second.resolve(name));
        }
        String digest = ModelPackageReader.read(PackageSource.directory(first)).digest();

        assertThat(ModelPackageReader.read(PackageSource.directory(second)).digest()).isEqualTo(digest);
        Files.writeString(second.resolve("requirements.txt"), "onnxruntime==1.20.0\n");
        assertThat(ModelPackageReader.read(PackageSource.directory(second)).digest()).isNotEqualTo(digest);
    }

    @Test
    void readsNestedFilesWithForwardSlashes() throws IOException {
        Path model = mlflowRun("v3-onnx", "pipeline_titanic.onnx");
        Files.createDirectories(model.resolve("code/steps"));
        Files.writeString(model.resolve("code/steps/prep.py"), "print('prep')\n");

        ModelPackage read = ModelPackageReader.read(PackageSource.directory(model));

        assertThat(read.manifest().files()).containsKey("code/steps/prep.py");
        assertThat(read.mlModel().signature().tensorInputs()).isFalse();
    }

    @Test
    void aPackageWithoutMlmodelIsRefused() throws IOException {
        Files.copy(SharedFiles.model("logreg_iris.onnx"), dir.resolve("model.onnx"));

        assertThatThrownBy(() -> ModelPackageReader.read(PackageSource.directory(dir)))
                .isInstanceOf(SextantException.class)
                .hasMessageContaining("No MLmodel file")
                .hasMessageContaining("model.onnx");
    }

    @Test
    void anMlmodelNamingAMissingOnnxFileIsRefused() throws IOException {
        Files.write(dir.resolve("MLmodel"), MlModelCodecTest.resource("v2-onnx/MLmodel"));

        assertThatThrownBy(() -> ModelPackageReader.read(PackageSource.directory(dir)))
                .hasMessageContaining("names 'model.onnx' as the ONNX model")
                .extracting(e -> ((SextantException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    }

    @Test
    void aMissingDirectoryIsNotFound() {
        assertThatThrownBy(() -> ModelPackageReader.read(PackageSource.directory(dir.resolve("absent"))))
                .extracting(e -> ((SextantException) e).code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST);
    }

    @Test
    void openingAMissingFileNamesIt() {
        assertThatThrownBy(() -> PackageSource.directory(dir).open("model.onnx"))
                .hasMessageContaining("'model.onnx' does not exist");
        assertThatThrownBy(() -> PackageSource.directory(dir).open("../outside"))
                .hasMessageContaining("'..'");
    }

    private Path mlflowRun(String sample, String onnxModel) throws IOException {
        Path model = Files.createDirectories(dir.resolve("artifacts").resolve("model"));
        for (String name : MLFLOW_RUN_FILES) {
            try {
                Files.write(model.resolve(name), MlModelCodecTest.resource(sample + "/" + name));
            } catch (IllegalStateException absent) {
                // not every sample has every file
            }
        }
        Files.copy(SharedFiles.model(onnxModel), model.resolve("model.onnx"));
        return model;
    }
}
