package dev.sextant.cli.quickstart;

import dev.sextant.server.SextantServer;
import dev.sextant.server.config.ConfigLoader;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The quickstart's server, in this process, closed exactly once: when the loop is done with
 * {@code --once}, or when the JVM is asked to stop (Ctrl-C, SIGTERM) at any moment, mid-loop too.
 */
final class RunningServer {
    private final SextantServer server;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private RunningServer(SextantServer server) {
        this.server = server;
    }

    /**
     * Starts a server from the workspace's configuration only: {@code SEXTANT_*} variables and a
     * {@code ./sextant.yaml} could point it at another store, and the quickstart starts from an empty one.
     */
    static RunningServer start(Workspace workspace) {
        RunningServer running = new RunningServer(SextantServer.start(ConfigLoader.load(
                Map.of(ConfigLoader.CONFIG_FLAG, workspace.configFile().toString()), Map.of())));
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "sextant-shutdown"));
        return running;
    }

    int port() {
        return server.port();
    }

    boolean closed() {
        return closed.get();
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            server.close();
            stopped.countDown();
        }
    }

    /** Returns once the server is closed. */
    void awaitClose() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
