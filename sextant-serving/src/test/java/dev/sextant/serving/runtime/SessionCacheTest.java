package dev.sextant.serving.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.registry.packaging.ModelPackage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions are shared by package digest, evicted least-recently-used, and closed only when unused. */
class SessionCacheTest {
    private static final InferenceInputs ONE_ROW = InferenceInputs.of(Tensor.floats("X", new long[] {1, 2}, 5.1f, 3.5f));

    @TempDir
    Path dir;

    @Test
    void loadingTheSamePackageAgainSharesTheSessionWithoutReadingTheFilesAgain() throws Exception {
        try (ModelRuntime runtime = ModelRuntime.create(RuntimeOptions.defaults())) {
            ModelPackage first = Packages.write(dir.resolve("a"), "logreg_iris.onnx");
            ModelPackage copy = Packages.write(dir.resolve("b"), "logreg_iris.onnx");
            try (LoadedModel one = runtime.load(first, first.manifest())) {
                // a cache hit is keyed by the recorded digest: the stored files are not hashed again
                Files.delete(dir.resolve("b/model.onnx"));
                try (LoadedModel two = runtime.load(copy, copy.manifest())) {
                    assertThat(two.digest()).isEqualTo(one.digest());
                    assertThat(runtime.cachedModels()).isEqualTo(1);
                    assertThat(two.predict(ONE_ROW)).isEqualTo(one.predict(ONE_ROW));
                }
            }
        }
    }

    @Test
    void theLeastRecentlyUsedModelLeavesTheCacheButServesItsOpenHandleUntilClosed() {
        try (ModelRuntime runtime = ModelRuntime.create(new RuntimeOptions(1, 1, 1))) {
            ModelPackage logreg = Packages.write(dir.resolve("logreg"), "logreg_iris.onnx");
            ModelPackage forest = Packages.write(dir.resolve("rf"), "rf_iris.onnx");
            LoadedModel held = runtime.load(logreg, logreg.manifest());

            LoadedModel other = runtime.load(forest, forest.manifest());

            assertThat(runtime.isCached(logreg.digest())).isFalse();
            assertThat(runtime.isCached(forest.digest())).isTrue();
            assertThat(held.sessionClosed()).isFalse();
            assertThat(held.predict(ONE_ROW).tensor("output_label").longs()).containsExactly(0);
            held.close();
            assertThat(held.sessionClosed()).isTrue();
            assertThat(other.sessionClosed()).isFalse();
            other.close();
            assertThat(other.sessionClosed()).isFalse(); // still cached
        }
    }

    @Test
    void closingTheRuntimeClosesSessionsAndRefusesLaterPredictions() {
        ModelRuntime runtime = ModelRuntime.create(RuntimeOptions.defaults());
        ModelPackage logreg = Packages.write(dir, "logreg_iris.onnx");
        LoadedModel held = runtime.load(logreg, logreg.manifest());

        runtime.close();

        assertThat(held.sessionClosed()).isTrue();
        assertThatThrownBy(() -> held.predict(ONE_ROW))
                .isInstanceOf(SextantException.class)
                .extracting(e -> ((SextantException) e).code()).isEqualTo(ErrorCode.TEMPORARILY_UNAVAILABLE);
        assertThatThrownBy(() -> runtime.load(logreg, logreg.manifest()))
                .hasMessageContaining("shutting down")
                .extracting(e -> ((SextantException) e).code()).isEqualTo(ErrorCode.TEMPORARILY_UNAVAILABLE);
        held.close();
    }

    @Test
    void oneSharedSessionServesConcurrentPredictions() throws Exception {
        try (ModelRuntime runtime = ModelRuntime.create(RuntimeOptions.defaults())) {
            ModelPackage logreg = Packages.write(dir, "logreg_iris.onnx");
            try (LoadedModel model = runtime.load(logreg, logreg.manifest())) {
                InferenceOutputs expected = model.predict(ONE_ROW);
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                    List<Future<InferenceOutputs>> results = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        results.add(pool.submit(() -> model.predict(ONE_ROW)));
                    }
                    for (Future<InferenceOutputs> result : results) {
                        assertThat(result.get()).isEqualTo(expected);
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    @Test
    void threadCountsAndCapacityAreValidated() {
        assertThatThrownBy(() -> new RuntimeOptions(-1, 1, 1)).hasMessageContaining("thread counts must be 0");
        assertThatThrownBy(() -> new RuntimeOptions(1, 1, 0)).hasMessageContaining("at least one model");
        try (ModelRuntime runtime = ModelRuntime.create(new RuntimeOptions(2, 0, 4))) {
            ModelPackage forest = Packages.write(dir, "rf_iris.onnx");
            try (LoadedModel model = runtime.load(forest, forest.manifest())) {
                assertThat(model.predict(InferenceInputs.of(Tensor.floats("float_input", new long[] {1, 4}, 5.1f, 3.5f, 1.4f, 0.2f)))
                        .tensor("output_label").longs()).containsExactly(0);
            }
        }
    }
}
