package dev.sextant.serving.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;

/** Creates ONNX Runtime sessions with the runtime's thread settings. */
final class Sessions {
    /** ONNX Runtime allows one environment per JVM; every session shares it. */
    static final OrtEnvironment ENV = createEnvironment();
    /**
     * Creating the environment recurses deeply in native code (thousands of frames). The first
     * use may come from a request on a virtual thread, whose carrier's stack it has overflowed
     * (a crash of the whole process), so it is created on a thread with a stack sized for it.
     */
    private static final long INIT_STACK_BYTES = 256L * 1024 * 1024;

    private Sessions() {
    }

    private static OrtEnvironment createEnvironment() {
        FutureTask<OrtEnvironment> create = new FutureTask<>(OrtEnvironment::getEnvironment);
        Thread thread = new Thread(null, create, "onnxruntime-init", INIT_STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
        try {
            return create.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting ONNX Runtime", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("ONNX Runtime could not start: " + e.getCause(), e.getCause());
        }
    }

    /**
     * A session for {@code onnx}; bytes ONNX Runtime cannot load are refused with {@code failure}
     * as the error code and a message naming {@code what}.
     */
    static OrtSession open(byte[] onnx, RuntimeOptions options, String what, ErrorCode failure) {
        if (onnx.length == 0) {
            throw new SextantException(failure, what + " is empty, not an ONNX model.");
        }
        try (OrtSession.SessionOptions session = new OrtSession.SessionOptions()) {
            if (options.intraOpThreads() > 0) {
                session.setIntraOpNumThreads(options.intraOpThreads());
            }
            if (options.interOpThreads() > 0) {
                session.setInterOpNumThreads(options.interOpThreads());
            }
            session.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return ENV.createSession(onnx, session);
        } catch (OrtException e) {
            throw new SextantException(failure, what + " is not a model ONNX Runtime can load: "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        String text = message == null ? "no detail" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
