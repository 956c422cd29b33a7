package dev.sextant.serving.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.SextantException;
import dev.sextant.registry.packaging.ModelPackage;
import dev.sextant.registry.packaging.Signature;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.InferenceOutputs;
import dev.sextant.serving.runtime.LoadedModel;
import dev.sextant.serving.runtime.FailingOnnxModel;
import dev.sextant.serving.runtime.ModelRuntime;
import dev.sextant.serving.runtime.Packages;
import dev.sextant.serving.runtime.RuntimeOptions;
import dev.sextant.serving.runtime.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merged calls on the real logistic regression: as few calls as the requests allow, each its own answer. */
class MergedCallsTest {
    @TempDir
    Path dir;

    @Test
    void requestsThatCanShareACallShareOneAndTheRestRunAlone() {
        ModelPackage pkg = Packages.write(dir, "logreg_iris.onnx");
        try (ModelRuntime runtime = ModelRuntime.create(RuntimeOptions.defaults());
             LoadedModel model = runtime.load(pkg, pkg.manifest())) {
            List<Integer> callRows = new ArrayList<>();
            MergedCalls calls = new MergedCalls(model::predict, 4, callRows::add);
            List<InferenceInputs> requests = List.of(
                    row(5.1f, 3.5f), row(7.7f, 2.6f),
                    InferenceInputs.of(List.of(Tensor.floats("X", new long[] {1, 2}, 6f, 3f)), Set.of("output_label")),
                    InferenceInputs.of(Tensor.floats("Y", new long[] {1, 2}, 6f, 3f)),
                    row(6.3f, 3.3f), row(4.9f, 3.0f), row(5.8f, 2.7f));

            List<MergedCalls.Outcome> outcomes = calls.run(requests);

            assertThat(outcomes).hasSize(requests.size());
            for (int i : new int[] {0, 1, 2, 4, 5, 6}) {
                InferenceOutputs alone = model.predict(requests.get(i));
                assertThat(outcomes.get(i).outputs().values()).extracting(v -> v.name())
                        .containsExactlyElementsOf(alone.values().stream().map(v -> v.name()).toList());
                assertThat(outcomes.get(i).outputs().tensor("output_label")).isEqualTo(alone.tensor("output_label"));
            }
            assertThatThrownBy(() -> outcomes.get(3).outputs()).hasMessageContaining("Unknown input 'Y'");
            // five rows of one kind in calls of at most four, one with other outputs, one refused alone
            assertThat(callRows).containsExactlyInAnyOrder(4, 1, 1);
        }
    }

    @Test
    void aMergedCallTheModelFailsIsRetriedRequestByRequestSoOnlyTheFailingRequestFails() {
        // The model runs one row at a time: two one-row requests merged fail together, each alone runs.
        ModelPackage pkg = Packages.write(dir, FailingOnnxModel.bytes(), Signature.NONE);
        try (ModelRuntime runtime = ModelRuntime.create(RuntimeOptions.defaults());
             LoadedModel model = runtime.load(pkg, pkg.manifest())) {
            List<Integer> callRows = new ArrayList<>();
            MergedCalls calls = new MergedCalls(model::predict, 8, callRows::add);
            InferenceInputs first = InferenceInputs.of(Tensor.floats("X", new long[] {1, 2}, 1f, 2f));
            InferenceInputs twoRows = InferenceInputs.of(Tensor.floats("X", new long[] {2, 2}, 3f, 4f, 5f, 6f));
            InferenceInputs last = InferenceInputs.of(Tensor.floats("X", new long[] {1, 2}, 7f, 8f));
            assertThatThrownBy(() -> model.predict(InferenceInputs.of(Tensor.floats("X", new long[] {2, 2}, 1f, 2f, 7f, 8f))))
                    .as("the two good requests could not share a call").isInstanceOf(SextantException.class);

            List<MergedCalls.Outcome> outcomes = calls.run(List.of(first, twoRows, last));

            assertThat(outcomes.get(0).outputs().tensor("Y").floats()).containsExactly(1f, 2f);
            assertThat(outcomes.get(2).outputs().tensor("Y").floats()).containsExactly(7f, 8f);
            assertThat(outcomes.get(1)).isInstanceOf(MergedCalls.Failed.class);
            assertThatThrownBy(() -> outcomes.get(1).outputs()).isInstanceOfSatisfying(SextantException.class,
                    e -> assertThat(e.code().httpStatus()).isEqualTo(500)).hasMessageContaining("failed to run");
            // the merged call of four rows failed; then each one-row request ran and was counted
            assertThat(callRows).containsExactly(1, 1);
        }
    }

    private static InferenceInputs row(float a, float b) {
        return InferenceInputs.of(Tensor.floats("X", new long[] {1, 2}, a, b));
    }
}
