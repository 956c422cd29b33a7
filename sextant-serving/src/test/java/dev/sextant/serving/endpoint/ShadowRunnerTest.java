package dev.sextant.serving.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.registry.packaging.ModelPackage;
import dev.sextant.registry.packaging.Signature;
import dev.sextant.serving.deployment.Batching;
import dev.sextant.serving.deployment.ServedVersion;
import dev.sextant.serving.inferencelog.InferenceLog;
import dev.sextant.serving.inferencelog.InferenceLogOptions;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.InferenceOutputs;
import dev.sextant.serving.runtime.FailingOnnxModel;
import dev.sextant.serving.runtime.LoadedModel;
import dev.sextant.serving.runtime.ModelRuntime;
import dev.sextant.serving.runtime.Packages;
import dev.sextant.serving.runtime.RuntimeOptions;
import dev.sextant.serving.runtime.Tensor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mirrors submitted from many threads are all compared and all released, their rows run in merged calls. */
class ShadowRunnerTest {
    @TempDir
    Path dir;

    @Test
    void everyMirrorIsComparedAndReleased() throws Exception {
        ModelPackage pkg = Packages.write(dir.resolve("model"), "logreg_iris.onnx");
        ServingMetrics metrics = ServingMetrics.inMemory();
        try (ModelRuntime runtime = ModelRuntime.create(RuntimeOptions.defaults());
             LoadedModel primaryModel = runtime.load(pkg, pkg.manifest());
             LoadedModel shadowModel = runtime.load(pkg, pkg.manifest());
             InferenceLog log = InferenceLog.open(InferenceLogOptions.defaults(dir.resolve("log")).withSampleRate(0),
                     Clock.systemUTC(), ThreadLocalRandom::current)) {
            ServedVersion version = new ServedVersion("iris", 1, "models:/iris/1", pkg.manifest().digest());
            LiveModel primary = new LiveModel("d", "primary", version, primaryModel, Batching.OFF, metrics);
            LiveModel shadow = new LiveModel("d", "shadow", version, shadowModel, Batching.OFF, metrics);
            int mirrors = 200;
            CountDownLatch released = new CountDownLatch(mirrors);
            int submitted = 0;
            try (ShadowRunner runner = new ShadowRunner(log);
                 ExecutorService pool = Executors.newFixedThreadPool(4)) {
                var accepted = new java.util.concurrent.atomic.AtomicInteger();
                for (int i = 0; i < mirrors; i++) {
                    float x = 4f + (i % 40) / 10f;
                    pool.execute(() -> {
                        InferenceInputs row = InferenceInputs.of(Tensor.floats("X", new long[] {1, 2}, x, 3f));
                        InferenceOutputs answer = primary.predict(row);
                        if (runner.submit("r", "d", primary, shadow, row, answer, released::countDown)) {
                            accepted.incrementAndGet();
                        } else {
                            released.countDown();
                        }
                    });
                }
                assertThat(released.await(30, TimeUnit.SECONDS)).isTrue();
                submitted = accepted.get();
            }
            assertThat(submitted).isPositive();
            assertThat(shadow.meters.shadowAgreed.count()).isEqualTo(submitted);
            assertThat(shadow.meters.shadowDisagreed.count() + shadow.meters.shadowFailed.count()).isZero();
            assertThat(shadow.meters.shadowSkipped.count()).isEqualTo(mirrors - submitted);
            // the shadow model ran every mirrored row, in no more calls than there were mirrors
            assertThat(shadow.meters.batchSize.totalAmount()).isEqualTo(submitted);
            assertThat(shadow.meters.batchSize.count()).isLessThanOrEqualTo(submitted);
        }
    }

    @Test
    void mirrorsThatFailOnlyWhenMergedAreRetriedOneByOneAndAgree() throws Exception {
        // The model runs one row at a time: a merged call of several mirrors fails, each alone runs.
        ModelPackage pkg = Packages.write(dir.resolve("model"), FailingOnnxModel.bytes(), Signature.NONE);
        ServingMetrics metrics = ServingMetrics.inMemory();
        try (ModelRuntime runtime = ModelRuntime.create(RuntimeOptions.defaults());
             LoadedModel primaryModel = runtime.load(pkg, pkg.manifest());
             LoadedModel shadowModel = runtime.load(pkg, pkg.manifest());
             InferenceLog log = InferenceLog.open(InferenceLogOptions.defaults(dir.resolve("log")).withSampleRate(0),
                     Clock.systemUTC(), ThreadLocalRandom::current)) {
            ServedVersion version = new ServedVersion("reshape", 1, "models:/reshape/1", pkg.manifest().digest());
            LiveModel primary = new LiveModel("d", "primary", version, primaryModel, Batching.OFF, metrics);
            LiveModel shadow = new LiveModel("d", "shadow", version, shadowModel, Batching.OFF, metrics);
            int mirrors = 100;
            CountDownLatch released = new CountDownLatch(mirrors);
            AtomicInteger accepted = new AtomicInteger();
            try (ShadowRunner runner = new ShadowRunner(log);
                 ExecutorService pool = Executors.newFixedThreadPool(4)) {
                for (int i = 0; i < mirrors; i++) {
                    float x = i;
                    pool.execute(() -> {
                        InferenceInputs row = InferenceInputs.of(Tensor.floats("X", new long[] {1, 2}, x, 1f));
                        InferenceOutputs answer = primary.predict(row);
                        if (runner.submit("r", "d", primary, shadow, row, answer, released::countDown)) {
                            accepted.incrementAndGet();
                        } else {
                            released.countDown();
                        }
                    });
                }
                assertThat(released.await(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(accepted.get()).isPositive();
            assertThat(shadow.meters.shadowFailed.count()).isZero();
            assertThat(shadow.meters.shadowAgreed.count()).isEqualTo(accepted.get());
            // every successful shadow call ran one row: merged calls failed and were run again alone
            assertThat(shadow.meters.batchSize.totalAmount()).isEqualTo(shadow.meters.batchSize.count());
        }
    }
}
