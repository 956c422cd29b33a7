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
import java.util.concurrent.atomic.AtomicInteger;
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
    /**
     * Predictions running. Counted without the lock, which every request would otherwise take
     * twice: a call counts itself and then looks at {@link #closable}, while closing sets
     * {@code closable} and then looks at the count (under the lock), so at least one of them sees
     * the other and a session is never closed under a running prediction.
     */
    private final AtomicInteger calls = new AtomicInteger();
    private int handles;
    private boolean cached = true;
    private boolean shutDown;
    /** Out of the cache and no handle keeps it (or the runtime shut down): no new predictions. */
    private volatile boolean closable;
    private volatile boolean closed;

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
            if (closed || closable) {
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
        calls.incrementAndGet();
        if (closable) {
            endCall();
            throw new SextantException(ErrorCode.TEMPORARILY_UNAVAILABLE,
                    "Model " + digest + " has been unloaded (the runtime is shutting down); retry on another replica.");
        }
    }

    void endCall() {
        if (calls.decrementAndGet() == 0 && closable) {
            synchronized (lock) {
                closeIfUnused();
            }
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
        return closed;
    }

    /** Under the lock, after any change of the handles or flags. */
    private void closeIfUnused() {
        closable = !cached && (handles == 0 || shutDown);
        if (closed || !closable || calls.get() > 0) {
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
