package dev.sextant.serving.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.registry.packaging.ModelPackage;
import dev.sextant.registry.packaging.Signature;
import dev.sextant.serving.deployment.Batching;
import dev.sextant.serving.deployment.ServedVersion;
import dev.sextant.serving.inferencelog.InferenceLog;
import dev.sextant.serving.inferencelog.InferenceLogOptions;
import dev.sextant.serving.runtime.FailingOnnxModel;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.InferenceOutputs;
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
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mirrors submitted from many threads are all compared and all released, their rows run in merged calls. */
class ShadowRunnerTest {
    @TempDir
    Path dir;

    @Test
    void everyMirrorIsComparedAndReleased() throws Exception {
        ModelPackage pkg = Packages.write(dir.resolve("model"), "logreg_iris.onnx");
        int mirrors = 200;
        try (PrimaryAndShadow pair = PrimaryAndShadow.of(pkg, "iris", dir.resolve("log"))) {
            int submitted = pair.mirror(mirrors, i -> InferenceInputs.of(Tensor.floats("X", new long[] {1, 2},
                    4f + (i % 40) / 10f, 3f)));

            assertThat(submitted).isPositive();
            ServingMetrics.Meters shadow = pair.shadow.meters;
            assertThat(shadow.shadowAgreed.count()).isEqualTo(submitted);
            assertThat(shadow.shadowDisagreed.count() + shadow.shadowFailed.count()).isZero();
            assertThat(shadow.shadowSkipped.count()).isEqualTo(mirrors - submitted);
            // the shadow model ran every mirrored row, in no more calls than there were mirrors
            assertThat(shadow.batchSize.totalAmount()).isEqualTo(submitted);
            assertThat(shadow.batchSize.count()).isLessThanOrEqualTo(submitted);
        }
    }

    @Test
    void mirrorsThatFailOnlyWhenMergedAreRetriedOneByOneAndAgree() throws Exception {
        // The model runs one row at a time: a merged call of several mirrors fails, each alone runs.
        ModelPackage pkg = Packages.write(dir.resolve("model"), FailingOnnxModel.bytes(), Signature.NONE);
        try (PrimaryAndShadow pair = PrimaryAndShadow.of(pkg, "reshape", dir.resolve("log"))) {
            int submitted = pair.mirror(100, i -> InferenceInputs.of(Tensor.floats("X", new long[] {1, 2}, i, 1f)));

            assertThat(submitted).isPositive();
            ServingMetrics.Meters shadow = pair.shadow.meters;
            assertThat(shadow.shadowFailed.count()).isZero();
            assertThat(shadow.shadowAgreed.count()).isEqualTo(submitted);
            // every successful shadow call ran one row: merged calls failed and were run again alone
            assertThat(shadow.batchSize.totalAmount()).isEqualTo(shadow.batchSize.count());
        }
    }

    /** One package loaded twice, as a deployment's primary and its shadow, with an inference log that samples nothing. */
    private record PrimaryAndShadow(ModelRuntime runtime, LoadedModel primaryModel, LoadedModel shadowModel,
                                    InferenceLog log, LiveModel primary, LiveModel shadow) implements AutoCloseable {

        static PrimaryAndShadow of(ModelPackage pkg, String model, Path logDir) {
            ModelRuntime runtime = ModelRuntime.create(RuntimeOptions.defaults());
            LoadedModel primaryModel = runtime.load(pkg, pkg.manifest());
            LoadedModel shadowModel = runtime.load(pkg, pkg.manifest());
            InferenceLog log = InferenceLog.open(InferenceLogOptions.defaults(logDir).withSampleRate(0),
                    Clock.systemUTC(), ThreadLocalRandom::current);
            ServedVersion version = new ServedVersion(model, 1, "models:/" + model + "/1", pkg.manifest().digest());
            ServingMetrics metrics = ServingMetrics.inMemory();
            return new PrimaryAndShadow(runtime, primaryModel, shadowModel, log,
                    new LiveModel("d", "primary", version, primaryModel, Batching.OFF, metrics),
                    new LiveModel("d", "shadow", version, shadowModel, Batching.OFF, metrics));
        }

        /**
         * Answers {@code mirrors} rows with the primary from four threads and offers each answer to
         * the shadow; returns how many mirrors the runner accepted, once every one is released.
         */
        int mirror(int mirrors, IntFunction<InferenceInputs> rows) throws InterruptedException {
            CountDownLatch released = new CountDownLatch(mirrors);
            AtomicInteger accepted = new AtomicInteger();
            try (ShadowRunner runner = new ShadowRunner(log);
                 ExecutorService pool = Executors.newFixedThreadPool(4)) {
                for (int i = 0; i < mirrors; i++) {
                    InferenceInputs row = rows.apply(i);
                    pool.execute(() -> {
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
            return accepted.get();
        }

        @Override
        public void close() {
            log.close();
            shadowModel.close();
            primaryModel.close();
            runtime.close();
        }
    }
}
