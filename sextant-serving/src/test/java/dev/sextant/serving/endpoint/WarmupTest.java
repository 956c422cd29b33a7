package dev.sextant.serving.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.registry.packaging.ModelPackage;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.LoadedModel;
import dev.sextant.serving.runtime.ModelRuntime;
import dev.sextant.serving.runtime.Packages;
import dev.sextant.serving.runtime.RuntimeOptions;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmupTest {
    @TempDir
    Path dir;

    @Test
    void numericModelsAreWarmedUpWithARowThatPredicts() {
        try (ModelRuntime runtime = ModelRuntime.create(RuntimeOptions.defaults());
             LoadedModel logreg = load(runtime, "logreg_iris.onnx")) {
            Optional<InferenceInputs> inputs = Warmup.inputs(logreg);

            assertThat(inputs).isPresent();
            assertThat(logreg.predict(inputs.get()).tensor("output_label").shape()).containsExactly(1);
        }
    }

    @Test
    void modelsWithStringInputsAreNotWarmedUp() {
        try (ModelRuntime runtime = ModelRuntime.create(RuntimeOptions.defaults());
             LoadedModel titanic = load(runtime, "pipeline_titanic.onnx")) {
            assertThat(Warmup.inputs(titanic)).isEmpty();
        }
    }

    private LoadedModel load(ModelRuntime runtime, String name) {
        ModelPackage written = Packages.write(dir.resolve(name), name);
        return runtime.load(written, written.manifest());
    }
}
