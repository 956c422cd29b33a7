package dev.sextant.serving.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.registry.packaging.ModelPackage;
import dev.sextant.registry.packaging.Signature;
import dev.sextant.registry.packaging.SignatureInference;
import dev.sextant.registry.packaging.TensorSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignatureInferenceTest {
    private final SignatureInference inference = new OnnxSignatureInference();

    @TempDir
    Path dir;

    @Test
    void tensorsAndZipMapOutputsOfAClassifier() {
        Signature signature = inference.infer(Packages.bytes("logreg_iris.onnx"));

        assertThat(signature.inputs()).containsExactly(TensorSpec.of("X", "float32", -1, 2));
        assertThat(signature.outputs()).containsExactly(
                TensorSpec.of("output_label", "int64", -1),
                TensorSpec.of("output_probability", "float32", -1, -1));
    }

    @Test
    void namedStringAndNumberInputsOfAPipeline() {
        Signature signature = inference.infer(Packages.bytes("pipeline_titanic_nozipmap.onnx"));

        assertThat(signature.inputs()).containsExactly(
                TensorSpec.of("pclass", "int64", -1, 1),
                TensorSpec.of("sex", "str", -1, 1),
                TensorSpec.of("age", "float32", -1, 1),
                TensorSpec.of("fare", "float32", -1, 1),
                TensorSpec.of("embarked", "str", -1, 1));
        assertThat(signature.outputs()).containsExactly(
                TensorSpec.of("label", "int64", -1),
                TensorSpec.of("probabilities", "float32", -1, 2));
    }

    @Test
    void notOnnxIsTheCallersMistake() {
        assertThatThrownBy(() -> inference.infer("MLmodel".getBytes()))
                .isInstanceOf(SextantException.class)
                .hasMessageContaining("is not a model ONNX Runtime can load")
                .extracting(e -> ((SextantException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
        assertThatThrownBy(() -> inference.infer(new byte[0])).hasMessageContaining("empty");
    }

    @Test
    void aLoadedModelKeepsADeclaredSignatureAndInfersAMissingOne() {
        Signature declared = new Signature(List.of(TensorSpec.of("X", "float32", -1, 2)),
                List.of(TensorSpec.of("output_label", "int64", -1)));
        try (ModelRuntime runtime = ModelRuntime.create(RuntimeOptions.defaults())) {
            ModelPackage withSignature = Packages.write(dir.resolve("declared"), Packages.bytes("logreg_iris.onnx"), declared);
            ModelPackage without = Packages.write(dir.resolve("inferred"), "logreg_iris.onnx");
            try (LoadedModel a = runtime.load(withSignature, withSignature.manifest());
                    LoadedModel b = runtime.load(without, without.manifest())) {
                assertThat(a.signature()).isEqualTo(declared);
                assertThat(b.signature()).isEqualTo(inference.infer(Packages.bytes("logreg_iris.onnx")));
                assertThat(b.outputs()).extracting(TensorMetadata::kind)
                        .containsExactly(TensorMetadata.Kind.TENSOR, TensorMetadata.Kind.PROBABILITY_MAPS);
            }
        }
    }
}
