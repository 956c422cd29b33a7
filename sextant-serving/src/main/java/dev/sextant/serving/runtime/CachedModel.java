package dev.sextant.serving.runtime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.registry.packaging.Signature;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX Runtime session shared by every {@link LoadedModel} handle of the same package digest.
 * The session is closed once it is out of the cache, no handle is open and no prediction runs,
 * so a session is never closed under a running prediction. After {@link #shutDown()} new
 * predictions are refused and open handles no longer keep the session.
 */
final class CachedModel {
    private static final Logger LOG = LoggerFactory.getLogger(CachedModel.class);

    final String digest;
    final OrtSession session;
    final List<TensorMetadata> inputs;
    final List<TensorMetadata> outputs;
    final Signature signature;
    final InputBinder binder;
    final OutputConverter converter;
    /** What a request that names no outputs gets: every output the runtime can return. */
    final Set<String> defaultOutputs;
    private final Object lock = new Object();
    private int handles;
    private int calls;
    private boolean cached = true;
    private boolean shutDown;
    private boolean closed;

    CachedModel(String digest, OrtSession session, List<TensorMetadata> inputs, Map<String, String> firstDimensionNames,
            List<TensorMetadata> outputs, Map<String, Datatype> labelTypes, Map<String, ZipMapLabels> bypassed,
            Signature signature) {
        this.digest = digest;
        this.session = session;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.signature = signature;
        this.binder = new InputBinder(inputs, firstDimensionNames);
        this.converter = new OutputConverter(labelTypes, bypassed);
        this.defaultOutputs = outputs.stream().filter(output -> output.kind() != TensorMetadata.Kind.UNSUPPORTED)
                .map(TensorMetadata::name)
                .collect(Collectors.collectingAndThen(Collectors.toCollection(LinkedHashSet::new), Collections::unmodifiableSet));
    }

    /** A new handle; false when the model can no longer be used (evicted and closed, or shut down). */
    boolean openHandle() {
        synchronized (lock) {
            if (closed || shutDown) {
                return false;
            }
            handles++;
            return true;
        }
    }

    void closeHandle() {
        synchronized (lock) {
            handles--;
            closeIfUnused();
        }
    }

    void beginCall() {
        synchronized (lock) {
            if (closed || shutDown) {
                throw new SextantException(ErrorCode.TEMPORARILY_UNAVAILABLE,
                        "Model " + digest + " has been unloaded (the runtime is shutting down); retry on another replica.");
            }
            calls++;
        }
    }

    void endCall() {
        synchronized (lock) {
            calls--;
            closeIfUnused();
        }
    }

    /** Out of the cache: closes once no handle and no prediction uses it. */
    void evict() {
        synchronized (lock) {
            cached = false;
            closeIfUnused();
        }
    }

    /** Runtime shutdown: refuses new predictions and closes once running ones finish. */
    void shutDown() {
        synchronized (lock) {
            cached = false;
            shutDown = true;
            closeIfUnused();
        }
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    private void closeIfUnused() {
        if (closed || cached || calls > 0 || (handles > 0 && !shutDown)) {
            return;
        }
        closed = true;
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("Closing the ONNX Runtime session of model {} failed", digest, e);
        }
    }
}
