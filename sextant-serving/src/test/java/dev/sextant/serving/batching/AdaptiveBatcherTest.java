package dev.sextant.serving.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.SextantException;
import dev.sextant.registry.packaging.ModelPackage;
import dev.sextant.registry.packaging.Signature;
import dev.sextant.serving.deployment.Batching;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.InferenceOutputs;
import dev.sextant.serving.runtime.FailingOnnxModel;
import dev.sextant.serving.runtime.LoadedModel;
import dev.sextant.serving.runtime.ModelRuntime;
import dev.sextant.serving.runtime.Packages;
import dev.sextant.serving.runtime.RuntimeOptions;
import dev.sextant.serving.runtime.Tensor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batching on the real logistic regression: merged calls, each caller gets exactly its own rows back. */
class AdaptiveBatcherTest {
    @TempDir
    Path dir;
    ModelRuntime runtime;
    LoadedModel model;

    @BeforeEach
    void load() {
        runtime = ModelRuntime.create(RuntimeOptions.defaults());
        ModelPackage pkg = Packages.write(dir, "logreg_iris.onnx");
        model = runtime.load(pkg, pkg.manifest());
    }

    @AfterEach
    void close() {
        model.close();
        runtime.close();
    }

    @Test
    void concurrentRequestsAreMergedAndSplitBackCorrectly() throws Exception {
        ConcurrentLinkedQueue<Integer> sizes = new ConcurrentLinkedQueue<>();
        AtomicInteger calls = new AtomicInteger();
        int requests = 200;
        try (AdaptiveBatcher batcher = new AdaptiveBatcher(inputs -> {
            calls.incrementAndGet();
            return model.predict(inputs);
        }, new Batching(32, Duration.ofMillis(20)), sizes::add);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int rows = 1 + i % 3;
                float[] values = new float[rows * 2];
                for (int v = 0; v < values.length; v++) {
                    values[v] = 4f + ((i * 7 + v * 3) % 40) / 10f;
                }
                InferenceInputs inputs = InferenceInputs.of(Tensor.floats("X", new long[] {rows, 2}, values));
                results.add(pool.submit(() -> {
                    start.await();
                    InferenceOutputs batched = batcher.predict(inputs);
                    InferenceOutputs alone = model.predict(inputs);
                    assertThat(batched.tensor("output_label")).isEqualTo(alone.tensor("output_label"));
                    var got = batched.probabilities("output_probability").rows();
                    var want = alone.probabilities("output_probability").rows();
                    assertThat(got).hasSameSizeAs(want);
                    for (int r = 0; r < got.size(); r++) {
                        for (var label : want.get(r).keySet()) {
                            assertThat(got.get(r).get(label)).isCloseTo(want.get(r).get(label),
                                    org.assertj.core.data.Offset.offset(1e-6f));
                        }
                    }
                    return true;
                }));
            }
            start.countDown();
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
        assertThat(calls.get()).isLessThan(requests);
        assertThat(sizes.stream().mapToInt(Integer::intValue).max().orElse(0)).isGreaterThan(3).isLessThanOrEqualTo(32);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(requests / 3 * 6 + (requests % 3 == 2 ? 3 : requests % 3));
    }

    @Test
    void aLoneRequestIsNotHeldForTheWholeWait() {
        try (AdaptiveBatcher batcher = new AdaptiveBatcher(model::predict, new Batching(32, Duration.ofMillis(500)),
                size -> { })) {
            InferenceInputs one = InferenceInputs.of(Tensor.floats("X", new long[] {1, 2}, 5.1f, 3.5f));
            batcher.predict(one);
            long start = System.nanoTime();
            batcher.predict(one);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(400));
        }
    }

    @Test
    void oneBadRequestInABatchFailsAloneAndTheOthersAreAnswered() throws Exception {
        try (AdaptiveBatcher batcher = new AdaptiveBatcher(model::predict, new Batching(64, Duration.ofMillis(50)),
                size -> { });
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<InferenceOutputs>> good = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                good.add(pool.submit(() -> {
                    start.await();
                    return batcher.predict(InferenceInputs.of(Tensor.floats("X", new long[] {1, 2}, 5f, 3f)));
                }));
            }
            Future<InferenceOutputs> bad = pool.submit(() -> {
                start.await();
                return batcher.predict(InferenceInputs.of(Tensor.floats("Y", new long[] {1, 2}, 5f, 3f)));
            });
            start.countDown();
            for (Future<InferenceOutputs> result : good) {
                assertThat(result.get().tensor("output_label").longs()).hasSize(1);
            }
            assertThatThrownBy(bad::get).hasCauseInstanceOf(SextantException.class).hasMessageContaining("Unknown input 'Y'");
        }
    }

    @Test
    void whenAMergedCallFailsOnlyTheRequestThatFailsAloneGetsTheError() throws Exception {
        // The model runs one row at a time: merged calls fail, so every answer below came from a retry alone.
        ModelPackage pkg = Packages.write(dir.resolve("reshape"), FailingOnnxModel.bytes(), Signature.NONE);
        ConcurrentLinkedQueue<Integer> sizes = new ConcurrentLinkedQueue<>();
        try (LoadedModel reshape = runtime.load(pkg, pkg.manifest());
             AdaptiveBatcher batcher = new AdaptiveBatcher(reshape::predict, new Batching(64, Duration.ofMillis(50)),
                     sizes::add);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<InferenceOutputs>> good = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                float x = i;
                good.add(pool.submit(() -> {
                    start.await();
                    return batcher.predict(InferenceInputs.of(Tensor.floats("X", new long[] {1, 2}, x, 1f)));
                }));
            }
            Future<InferenceOutputs> failing = pool.submit(() -> {
                start.await();
                return batcher.predict(InferenceInputs.of(Tensor.floats("X", new long[] {2, 2}, 1f, 2f, 3f, 4f)));
            });
            start.countDown();
            for (int i = 0; i < good.size(); i++) {
                assertThat(good.get(i).get().tensor("Y").floats()).containsExactly(i, 1f);
            }
            assertThatThrownBy(failing::get).hasCauseInstanceOf(SextantException.class)
                    .hasMessageContaining("failed to run");
        }
        assertThat(sizes).hasSize(200).containsOnly(1);
    }

    @Test
    void aLoneRequestRunsOnItsCallersThreadWithNoHandOver() {
        List<Thread> ranOn = new ArrayList<>();
        try (AdaptiveBatcher batcher = new AdaptiveBatcher(inputs -> {
            ranOn.add(Thread.currentThread());
            return model.predict(inputs);
        }, new Batching(32, Duration.ofMillis(5)), size -> { })) {
            batcher.predict(InferenceInputs.of(Tensor.floats("X", new long[] {1, 2}, 5.1f, 3.5f)));
        }
        assertThat(ranOn).containsExactly(Thread.currentThread());
    }

    @Test
    void everyCallerIsAnsweredUnderSustainedConcurrencyWithoutWaiting() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        int threads = 8;
        int perThread = 2_000;
        try (AdaptiveBatcher batcher = new AdaptiveBatcher(inputs -> {
            calls.incrementAndGet();
            return model.predict(inputs);
        }, new Batching(16, Duration.ZERO), size -> { });
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                float x = 4f + t / 4f;
                done.add(pool.submit(() -> {
                    InferenceInputs row = InferenceInputs.of(Tensor.floats("X", new long[] {1, 2}, x, 3f));
                    long expected = model.predict(row).tensor("output_label").longs()[0];
                    for (int i = 0; i < perThread; i++) {
                        assertThat(batcher.predict(row).tensor("output_label").longs()).containsExactly(expected);
                    }
                    return perThread;
                }));
            }
            for (Future<Integer> result : done) {
                assertThat(result.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(perThread);
            }
        }
        assertThat(calls.get()).isLessThanOrEqualTo(threads * perThread);
    }
}
