package dev.sextant.bench.runtime;

import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.registry.packaging.ModelPackage;
import dev.sextant.registry.packaging.ModelPackageWriter;
import dev.sextant.serving.oip.OipTensors;
import dev.sextant.serving.runtime.InferenceOutputs;
import dev.sextant.serving.runtime.LoadedModel;
import dev.sextant.serving.runtime.ModelRuntime;
import dev.sextant.serving.runtime.RuntimeOptions;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * One-row prediction with {@code logreg_iris.onnx}: the Sextant runtime path (decode the Open
 * Inference Protocol request tensors, validate them against the model, run, convert the label
 * tensor and the ZipMap probabilities) against a bare ONNX Runtime call on its own session of
 * the same model with the same thread settings, which still reads both outputs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OneRowPrediction {
    static final String MODEL_PROPERTY = "sextant.bench.model";
    private static final String REQUEST = """
            {"inputs": [{"name": "X", "shape": [1, 2], "datatype": "FP32", "data": [[5.1, 3.5]]}]}""";

    private Path packageDir;
    private ModelRuntime runtime;
    private LoadedModel model;
    private JsonNode request;
    private OrtEnvironment env;
    private OrtSession bare;
    private final float[] row = {5.1f, 3.5f};
    private final long[] shape = {1, 2};
    private long pairs;
    private long lastBare;
    private boolean recording;

    @Setup(Level.Trial)
    public void setUp() throws IOException, OrtException {
        byte[] onnx = Files.readAllBytes(Path.of(System.getProperty(MODEL_PROPERTY)));
        packageDir = Files.createTempDirectory("sextant-bench-model");
        ModelPackage written = ModelPackageWriter.onnx(onnx, Instant.EPOCH).build().writeTo(packageDir.resolve("model"));
        runtime = ModelRuntime.create(new RuntimeOptions(1, 1, 4));
        model = runtime.load(written, written.manifest());
        request = new ObjectMapper().readTree(REQUEST);
        env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            bare = env.createSession(onnx, options);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, OrtException {
        model.close();
        runtime.close();
        bare.close();
        try (Stream<Path> files = Files.walk(packageDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Benchmark
    public InferenceOutputs sextantRuntime() {
        return model.predict(OipTensors.decodeRequest(request));
    }

    /**
     * Both paths in one loop, alternating which goes first, each call timed on its own: load from
     * other processes (which comes and goes over seconds) then falls on both paths alike.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void paired(Blackhole sink) throws OrtException {
        boolean bareFirst = (pairs++ & 1) == 0;
        if (bareFirst) {
            timeBare(sink);
        }
        long start = System.nanoTime();
        sink.consume(sextantRuntime());
        long sextant = System.nanoTime() - start;
        if (!bareFirst) {
            timeBare(sink);
        }
        PairedTimes.record(recording, sextant, lastBare);
    }

    private void timeBare(Blackhole sink) throws OrtException {
        long start = System.nanoTime();
        bareOnnxRuntime(sink);
        lastBare = System.nanoTime() - start;
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        recording = params.getType() == IterationType.MEASUREMENT;
    }

    @Benchmark
    public void bareOnnxRuntime(Blackhole sink) throws OrtException {
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(row), shape);
                OrtSession.Result result = bare.run(Map.of("X", input))) {
            sink.consume(((OnnxTensor) result.get(0)).getLongBuffer());
            List<? extends OnnxValue> maps = ((OnnxSequence) result.get(1)).getValue();
            for (OnnxValue map : maps) {
                sink.consume(((OnnxMap) map).getValue());
            }
        }
    }
}
