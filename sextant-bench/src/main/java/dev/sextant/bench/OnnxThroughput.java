package dev.sextant.bench;

import dev.sextant.registry.packaging.ModelPackage;
import dev.sextant.registry.packaging.ModelPackageWriter;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.LoadedModel;
import dev.sextant.serving.runtime.ModelRuntime;
import dev.sextant.serving.runtime.RuntimeOptions;
import dev.sextant.serving.runtime.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

/**
 * Raw in-process ONNX Runtime throughput through Sextant's runtime: one-row predictions of a
 * model, one thread, for a number of seconds, after a warm-up. The ceiling the HTTP figures are
 * compared with.
 *
 * <p>Usage: {@code OnnxThroughput <model.onnx> [seconds]}
 */
public final class OnnxThroughput {
    private OnnxThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path onnx = Path.of(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("onnx-throughput");
        ModelPackage pkg = ModelPackageWriter.onnx(Files.readAllBytes(onnx), Instant.EPOCH).build().writeTo(dir);
        try (ModelRuntime runtime = ModelRuntime.create(RuntimeOptions.defaults());
             LoadedModel model = runtime.load(pkg, pkg.manifest())) {
            InferenceInputs row = InferenceInputs.of(Tensor.floats("X", new long[] {1, 2}, 5.1f, 3.5f));
            long warmEnd = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < warmEnd) {
                model.predict(row);
            }
            long[] latencies = new long[10_000_000];
            int calls = 0;
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            long now = start;
            while (now < end && calls < latencies.length) {
                model.predict(row);
                long after = System.nanoTime();
                latencies[calls++] = after - now;
                now = after;
            }
            double elapsed = (now - start) / 1e9;
            double cpuPerCall = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / calls;
            long[] sorted = Arrays.copyOf(latencies, calls);
            Arrays.sort(sorted);
            System.out.printf("in-process ONNX Runtime (1 thread, 1 row): %.0f calls/s, p50 %.1f us, p99 %.1f us, "
                    + "%.1f us of CPU per call (%.0f calls per CPU-second)%n", calls / elapsed, sorted[calls / 2] / 1e3,
                    sorted[(int) (calls * 0.99)] / 1e3, cpuPerCall, 1e6 / cpuPerCall);
        }
    }
}
