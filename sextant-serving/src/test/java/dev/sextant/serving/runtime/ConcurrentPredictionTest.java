package dev.sextant.serving.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.sextant.registry.packaging.ModelPackage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import dev.sextant.api.SextantException;
import dev.sextant.registry.packaging.Signature;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many threads predicting on one model at once each get the answer for their own rows: input
 * memory lent from one call to the next never carries another request's values.
 */
class ConcurrentPredictionTest {
    @TempDir
    Path dir;

    /** 0: as many calls at once as the processors allow; 1: one at a time; 6: every thread at once. */
    @ParameterizedTest(name = "concurrent calls {0}")
    @ValueSource(ints = {0, 1, 6})
    void concurrentCallsGetTheAnswersOfTheirOwnRows(int concurrentCalls) throws Exception {
        ModelPackage pkg = Packages.write(dir, "logreg_iris.onnx");
        try (ModelRuntime runtime = ModelRuntime.create(new RuntimeOptions(1, 1, 16, concurrentCalls));
             LoadedModel model = runtime.load(pkg, pkg.manifest())) {
            Random random = new Random(7);
            int count = 400;
            float[][] rows = new float[count][];
            InferenceOutputs[] expected = new InferenceOutputs[count];
            for (int i = 0; i < count; i++) {
                // one or three rows, so buffers of different sizes are lent and taken back
                int n = i % 3 == 0 ? 3 : 1;
                rows[i] = new float[2 * n];
                for (int j = 0; j < rows[i].length; j++) {
                    rows[i][j] = 4 + random.nextFloat() * 4;
                }
                expected[i] = model.predict(InferenceInputs.of(Tensor.floats("X", new long[] {n, 2}, rows[i])));
            }
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<Integer>> done = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    int offset = t * 67;
                    done.add(pool.submit(() -> {
                        int checked = 0;
                        for (int k = 0; k < count; k++) {
                            int i = (k + offset) % count;
                            InferenceOutputs got = model.predict(InferenceInputs.of(
                                    Tensor.floats("X", new long[] {rows[i].length / 2, 2}, rows[i])));
                            assertThat(got).isEqualTo(expected[i]);
                            checked++;
                        }
                        return checked;
                    }));
                }
                for (Future<Integer> f : done) {
                    assertThat(f.get()).isEqualTo(count);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aCallThatFailsInTheRuntimeGivesItsTurnBack() throws Exception {
        // This model runs one row at a time: two rows fail inside ONNX Runtime, after the gate.
        ModelPackage pkg = Packages.write(dir, FailingOnnxModel.bytes(), Signature.NONE);
        try (ModelRuntime runtime = ModelRuntime.create(new RuntimeOptions(1, 1, 16, 1));
             LoadedModel model = runtime.load(pkg, pkg.manifest())) {
            InferenceInputs twoRows = InferenceInputs.of(Tensor.floats("X", new long[] {2, 2}, 1f, 2f, 3f, 4f));
            InferenceInputs oneRow = InferenceInputs.of(Tensor.floats("X", new long[] {1, 2}, 1f, 2f));
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                for (int i = 0; i < 3; i++) {
                    assertThatThrownBy(() -> model.predict(twoRows)).isInstanceOf(SextantException.class);
                }
                assertThat(model.predict(oneRow).values()).isNotEmpty();
            });
        }
    }

    @Test
    void negativeConcurrentCallsAreRefused() {
        assertThatThrownBy(() -> new RuntimeOptions(1, 1, 16, -1)).isInstanceOf(SextantException.class)
                .hasMessageContaining("Concurrent model calls");
    }
}
