package dev.sextant.serving.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.registry.packaging.ModelPackage;
import dev.sextant.registry.packaging.Signature;
import dev.sextant.registry.packaging.TensorSpec;
import dev.sextant.serving.oip.OipTensors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FP64, INT32, BOOL and BYTES tensors through a real graph ({@code models/typed_tensors.onnx}, see
 * {@code src/test/python/typed_tensors_model.py}); FP32 and INT64 are covered by the shared models.
 */
class TypedTensorsTest {
    @TempDir
    Path dir;

    @Test
    void everyInputTypeRoundTripsThroughTheGraph() throws IOException {
        ModelPackage written = write();
        try (ModelRuntime runtime = ModelRuntime.create(RuntimeOptions.defaults());
                LoadedModel model = runtime.load(written, written.manifest())) {
            InferenceOutputs out = model.predict(OipTensors.decodeRequest(new ObjectMapper().readTree("""
                    {"inputs": [
                      {"name": "d", "shape": [2, 2], "datatype": "FP64", "data": [[0.5, -1.25], [1e300, "NaN"]]},
                      {"name": "i", "shape": [3], "datatype": "INT32", "data": [-2147483648, 0, 41]},
                      {"name": "b", "shape": [2], "datatype": "BOOL", "data": [true, false]},
                      {"name": "s", "shape": [1], "datatype": "BYTES", "data": ["naïve ✓"]}]}""")));

            double[] d = out.tensor("d_out").doubles();
            assertThat(d[0]).isEqualTo(1.0);
            assertThat(d[1]).isEqualTo(-2.5);
            assertThat(d[2]).isEqualTo(2e300);
            assertThat(d[3]).isNaN();
            assertThat(out.tensor("d_out").shape()).containsExactly(2, 2);
            assertThat(out.tensor("i_out").ints()).containsExactly(-2147483647, 1, 42);
            assertThat(out.tensor("b_out").bools()).containsExactly(false, true);
            assertThat(out.tensor("s_out").strings()).containsExactly("naïve ✓");
        }
    }

    @Test
    void inputsWithDifferentlyNamedFreeDimensionsNeedNotAgreeOnRows() throws IOException {
        // d has 2 rows, i 3, b 2, s 1: the graph names those dimensions N, M, K and L
        ModelPackage written = write();
        try (ModelRuntime runtime = ModelRuntime.create(RuntimeOptions.defaults());
                LoadedModel model = runtime.load(written, written.manifest())) {
            assertThat(model.signature().inputs()).containsExactly(
                    TensorSpec.of("d", "float64", -1, 2), TensorSpec.of("i", "int32", -1),
                    TensorSpec.of("b", "bool", -1), TensorSpec.of("s", "str", -1));
            assertThat(model.predict(InferenceInputs.of(
                    Tensor.doubles("d", new long[] {1, 2}, 1, 2),
                    Tensor.ints("i", new long[] {3}, 1, 2, 3),
                    Tensor.bools("b", new long[] {2}, true, true),
                    Tensor.strings("s", new long[] {0}))).tensor("s_out").shape()).containsExactly(0);
        }
    }

    private ModelPackage write() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/models/typed_tensors.onnx")) {
            return Packages.write(dir.resolve("typed"), in.readAllBytes(), Signature.NONE);
        }
    }
}
