package dev.sextant.serving.runtime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.registry.packaging.DigestManifest;
import dev.sextant.registry.packaging.ModelPackage;
import dev.sextant.registry.packaging.PackageSource;
import dev.sextant.registry.packaging.Signature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads model packages into ONNX Runtime. A package is loaded only after every file has been
 * checked against the manifest the registry recorded; sessions are cached by that manifest's
 * digest and shared by everyone who loads the same package. Thread-safe.
 */
public final class ModelRuntime implements AutoCloseable {
    private final RuntimeOptions options;
    private final ModelCache cache;
    private final CallGate gate;

    private ModelRuntime(RuntimeOptions options) {
        this.options = options;
        this.cache = new ModelCache(options.cacheCapacity());
        this.gate = new CallGate(options.effectiveConcurrentCalls());
    }

    public static ModelRuntime create(RuntimeOptions options) {
        return new ModelRuntime(options);
    }

    /**
     * A handle on {@code modelPackage} as a running model; close it when done. Refused with
     * {@code INVALID_STATE} naming the file when a file is missing, unexpected or has other bytes
     * than {@code expected} records, or when the ONNX file cannot be loaded.
     */
    public LoadedModel load(ModelPackage modelPackage, DigestManifest expected) {
        return load(modelPackage.source(), expected);
    }

    /**
     * As {@link #load(ModelPackage, DigestManifest)}, straight from where the package is stored:
     * the MLmodel file is read from the verified bytes too.
     */
    public LoadedModel load(PackageSource source, DigestManifest expected) {
        if (cache.isClosed()) {
            throw shutDown();
        }
        String digest = expected.digest();
        Optional<CachedModel> cached = cache.open(digest);
        if (cached.isPresent()) {
            return new LoadedModel(cached.get(), gate);
        }
        PackageVerifier.Verified verified = PackageVerifier.verify(source, expected);
        ZipMapBypass.Result graph = ZipMapBypass.apply(verified.onnx());
        OrtSession session = Sessions.open(graph.onnx(), options, "'" + verified.onnxPath() + "' of the model package at "
                + source.description(), ErrorCode.INVALID_STATE);
        CachedModel model;
        try {
            List<TensorMetadata> inputs = OnnxTypes.describe(session.getInputInfo());
            List<TensorMetadata> outputs = describeOutputs(session, graph);
            Signature declared = verified.mlModel().signature();
            Signature signature = declared.isEmpty() ? OnnxSignatureInference.signature(inputs, outputs) : declared;
            model = new CachedModel(digest, session, inputs, OnnxTypes.firstDimensionNames(session.getInputInfo()), outputs,
                    labelTypes(session, graph), graph.outputs(), signature);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            throw new SextantException(ErrorCode.INVALID_STATE, "ONNX Runtime loaded '" + verified.onnxPath()
                    + "' but could not describe its inputs and outputs: " + e.getMessage(), e);
        }
        return new LoadedModel(cache.putAndOpen(model), gate);
    }

    /** The outputs as the model declares them: a bypassed ZipMap still describes label → probability maps. */
    private static List<TensorMetadata> describeOutputs(OrtSession session, ZipMapBypass.Result graph)
            throws OrtException {
        List<TensorMetadata> outputs = new ArrayList<>(OnnxTypes.describe(session.getOutputInfo()));
        outputs.replaceAll(output -> graph.outputs().containsKey(output.name())
                ? new TensorMetadata(output.name(), Datatype.FP32, List.of(-1L, -1L), TensorMetadata.Kind.PROBABILITY_MAPS)
                : output);
        return outputs;
    }

    private static Map<String, Datatype> labelTypes(OrtSession session, ZipMapBypass.Result graph) throws OrtException {
        Map<String, Datatype> types = new HashMap<>(OnnxTypes.labelTypes(session.getOutputInfo()));
        graph.outputs().forEach((name, labels) -> types.put(name, labels.labelType()));
        return types;
    }

    /** Whether a model with this package digest is in the cache. */
    public boolean isCached(String packageDigest) {
        return cache.contains(packageDigest);
    }

    /** How many models are in the cache. */
    public int cachedModels() {
        return cache.size();
    }

    public RuntimeOptions options() {
        return options;
    }

    /** Unloads every model: running predictions finish, later ones are refused. */
    @Override
    public void close() {
        cache.shutDown();
    }

    static SextantException shutDown() {
        return new SextantException(ErrorCode.TEMPORARILY_UNAVAILABLE,
                "The model runtime is shutting down and loads no more models; retry on another replica.");
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException ignored) {
            // the session is being discarded after a failure already reported
        }
    }
}
