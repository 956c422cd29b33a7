package dev.sextant.serving.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.registry.packaging.ModelPackage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Predictions on real models: validation of what comes in, conversion of what goes out. */
class PredictionTest {
    private static ModelRuntime runtime;
    private static LoadedModel logreg;
    private static LoadedModel titanic;
    private static LoadedModel titanicTensors;

    @TempDir
    static Path dir;

    @BeforeAll
    static void load() {
        runtime = ModelRuntime.create(RuntimeOptions.defaults());
        logreg = load("logreg_iris.onnx");
        titanic = load("pipeline_titanic.onnx");
        titanicTensors = load("pipeline_titanic_nozipmap.onnx");
    }

    @AfterAll
    static void close() {
        logreg.close();
        titanic.close();
        titanicTensors.close();
        runtime.close();
    }

    @Test
    void zipMapOutputsBecomeLabelToProbabilityMapsInLabelOrder() {
        InferenceOutputs out = logreg.predict(InferenceInputs.of(iris(2, 5.1f, 3.5f, 7.7f, 3.8f)));

        Tensor labels = out.tensor("output_label");
        assertThat(labels.datatype()).isEqualTo(Datatype.INT64);
        assertThat(labels.shape()).containsExactly(2);
        ProbabilityMaps probabilities = out.probabilities("output_probability");
        assertThat(probabilities.labelType()).isEqualTo(Datatype.INT64);
        assertThat(probabilities.labels()).containsExactly("0", "1", "2");
        assertThat(probabilities.rows()).hasSize(2);
        for (int row = 0; row < 2; row++) {
            Map<String, Float> p = probabilities.rows().get(row);
            assertThat(p.values().stream().mapToDouble(Float::doubleValue).sum()).isCloseTo(1.0, within(1e-5));
            String argmax = p.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            assertThat(Long.toString(labels.longs()[row])).isEqualTo(argmax);
        }
        Tensor asTensor = probabilities.asTensor();
        assertThat(asTensor.shape()).containsExactly(2, 3);
        assertThat(asTensor.floats()[3]).isEqualTo(probabilities.rows().get(1).get("0"));
        assertThat(out.values()).extracting(OutputValue::name).containsExactly("output_label", "output_probability");
    }

    @Test
    void stringAndFloatInputsOfSeveralNamesFeedOnePipeline() {
        InferenceOutputs out = titanic.predict(InferenceInputs.of(
                Tensor.strings("pclass", new long[] {2, 1}, "1", "3"),
                Tensor.strings("sex", new long[] {2, 1}, "female", "male"),
                Tensor.floats("age", new long[] {2, 1}, 29f, Float.NaN),
                Tensor.floats("fare", new long[] {2, 1}, 211.3375f, 7.25f),
                Tensor.strings("embarked", new long[] {2, 1}, "S", "Q")));

        assertThat(out.tensor("output_label").longs()).containsExactly(1, 0);
        assertThat(out.probabilities("output_probability").rows().get(0).get("1")).isGreaterThan(0.8f);
    }

    @Test
    void int64InputsAndProbabilityTensorsWithoutZipMap() {
        InferenceOutputs out = titanicTensors.predict(InferenceInputs.of(
                Tensor.longs("pclass", new long[] {1, 1}, 1),
                Tensor.strings("sex", new long[] {1, 1}, "female"),
                Tensor.floats("age", new long[] {1, 1}, 29f),
                Tensor.floats("fare", new long[] {1, 1}, 211.3375f),
                Tensor.strings("embarked", new long[] {1, 1}, "S")));

        Tensor probabilities = out.tensor("probabilities");
        assertThat(probabilities.shape()).containsExactly(1, 2);
        assertThat(probabilities.floats()[0] + probabilities.floats()[1]).isCloseTo(1f, within(1e-5f));
        assertThat(out.tensor("label").longs()).containsExactly(1);
    }

    @Test
    void onlyTheRequestedOutputsAreReturned() {
        InferenceOutputs out = logreg.predict(InferenceInputs.of(List.of(iris(1, 5.1f, 3.5f)), Set.of("output_label")));

        assertThat(out.values()).extracting(OutputValue::name).containsExactly("output_label");
        assertThatThrownBy(() -> logreg.predict(InferenceInputs.of(List.of(iris(1, 5.1f, 3.5f)), Set.of("scores"))))
                .hasMessageContaining("Unknown output 'scores'")
                .hasMessageContaining("output_label INT64 [-1]");
    }

    @Test
    void aWrongInputNameSaysWhichInputsTheModelTakes() {
        assertRefused(() -> logreg.predict(InferenceInputs.of(Tensor.floats("x", new long[] {1, 2}, 1f, 2f))),
                "Unknown input 'x'. Model inputs: X FP32 [-1, 2].");
    }

    @Test
    void aMissingInputIsNamed() {
        assertRefused(() -> titanic.predict(InferenceInputs.of(
                Tensor.strings("pclass", new long[] {1, 1}, "1"),
                Tensor.strings("sex", new long[] {1, 1}, "female"),
                Tensor.floats("age", new long[] {1, 1}, 29f),
                Tensor.strings("embarked", new long[] {1, 1}, "S"))),
                "Missing input 'fare' (FP32 [-1, 1]).");
    }

    @Test
    void aWrongShapeSaysWhatTheModelExpects() {
        assertRefused(() -> logreg.predict(InferenceInputs.of(Tensor.floats("X", new long[] {1, 3}, 1f, 2f, 3f))),
                "Input 'X' has shape [1, 3], but the model expects [-1, 2] (-1: any size).");
        assertRefused(() -> logreg.predict(InferenceInputs.of(Tensor.floats("X", new long[] {2}, 1f, 2f))),
                "Input 'X' has shape [2], but the model expects [-1, 2]");
    }

    @Test
    void aWrongDatatypeSaysWhatTheModelExpects() {
        assertRefused(() -> logreg.predict(InferenceInputs.of(Tensor.doubles("X", new long[] {1, 2}, 1, 2))),
                "Input 'X' has datatype FP64, but the model expects FP32.");
        assertRefused(() -> titanic.predict(InferenceInputs.of(
                Tensor.longs("pclass", new long[] {1, 1}, 1),
                Tensor.strings("sex", new long[] {1, 1}, "female"),
                Tensor.floats("age", new long[] {1, 1}, 29f),
                Tensor.floats("fare", new long[] {1, 1}, 20f),
                Tensor.strings("embarked", new long[] {1, 1}, "S"))),
                "Input 'pclass' has datatype INT64, but the model expects BYTES.");
    }

    @Test
    void dataThatDoesNotFillTheShapeIsRefused() {
        assertRefused(() -> Tensor.floats("X", new long[] {2, 2}, 1f, 2f, 3f),
                "Tensor 'X' has 3 values but its shape [2, 2] holds 4.");
    }

    @Test
    void inputsDisagreeingOnTheBatchAreTheCallersMistake() {
        assertRefused(() -> titanic.predict(InferenceInputs.of(
                Tensor.strings("pclass", new long[] {2, 1}, "1", "2"),
                Tensor.strings("sex", new long[] {1, 1}, "female"),
                Tensor.floats("age", new long[] {1, 1}, 29f),
                Tensor.floats("fare", new long[] {1, 1}, 20f),
                Tensor.strings("embarked", new long[] {1, 1}, "S"))),
                "Inputs disagree on the batch size: 'pclass' has 2 rows but 'sex' has 1");
    }

    @Test
    void anInputGivenTwiceIsRefused() {
        assertRefused(() -> InferenceInputs.of(iris(1, 1f, 2f), iris(1, 3f, 4f)), "Input 'X' is given twice");
    }

    @Test
    void anEmptyBatchGivesEmptyOutputs() {
        InferenceOutputs out = logreg.predict(InferenceInputs.of(Tensor.floats("X", new long[] {0, 2})));

        assertThat(out.tensor("output_label").shape()).containsExactly(0);
        assertThat(out.probabilities("output_probability").rows()).isEmpty();
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(SextantException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((SextantException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    }

    private static Tensor iris(int rows, float... values) {
        return Tensor.floats("X", new long[] {rows, 2}, values);
    }

    private static LoadedModel load(String name) {
        ModelPackage written = Packages.write(dir.resolve(name), name);
        return runtime.load(written, written.manifest());
    }
}
