package dev.sextant.serving.runtime;

import dev.sextant.api.SextantException;

/**
 * How the runtime runs models.
 *
 * @param intraOpThreads threads one operator may use; 0 lets ONNX Runtime choose (one per core).
 *     Small tabular models are fastest with 1, and leave the other cores to concurrent requests.
 * @param interOpThreads threads for independent graph branches; 0 lets ONNX Runtime choose
 * @param cacheCapacity loaded models kept in memory; the least recently used beyond it is unloaded
 *     once nothing uses it
 * @param concurrentCalls model calls that may run in ONNX Runtime at once, all models together
 *     (see {@link CallGate}); 0 means one fewer than the processors, at least one
 */
public record RuntimeOptions(int intraOpThreads, int interOpThreads, int cacheCapacity, int concurrentCalls) {

    public RuntimeOptions {
        if (concurrentCalls < 0) {
            throw SextantException.invalid("Concurrent model calls must be 0 (one fewer than the processors) or more; got "
                    + concurrentCalls + ".");
        }
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw SextantException.invalid("Runtime thread counts must be 0 (ONNX Runtime's choice) or more; got intra-op "
                    + intraOpThreads + ", inter-op " + interOpThreads + ".");
        }
        if (cacheCapacity < 1) {
            throw SextantException.invalid("The model cache must hold at least one model; got " + cacheCapacity + ".");
        }
    }

    /** Concurrent calls as the processors allow (see {@link #concurrentCalls}). */
    public RuntimeOptions(int intraOpThreads, int interOpThreads, int cacheCapacity) {
        this(intraOpThreads, interOpThreads, cacheCapacity, 0);
    }

    /** One intra-op and one inter-op thread per session, 16 models cached, calls as the processors allow. */
    public static RuntimeOptions defaults() {
        return new RuntimeOptions(1, 1, 16);
    }

    /** These options with {@code calls} as {@link #concurrentCalls}. */
    public RuntimeOptions withConcurrentCalls(int calls) {
        return new RuntimeOptions(intraOpThreads, interOpThreads, cacheCapacity, calls);
    }

    /** The calls allowed at once: {@code concurrentCalls}, or for 0 one fewer than the processors, at least one. */
    int effectiveConcurrentCalls() {
        return concurrentCalls > 0 ? concurrentCalls : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }
}
