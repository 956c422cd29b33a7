package dev.sextant.server;

import dev.sextant.server.config.SextantConfig;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** A real server on a free loopback port with its embedded store in a temporary directory. */
public final class TestServer implements AutoCloseable {
    private final SextantServer server;
    private final Http http;

    private TestServer(SextantServer server) {
        this.server = server;
        this.http = new Http("http://127.0.0.1:" + server.port());
    }

    public static TestServer start(Path dataDir) {
        return start(dataDir, UnaryOperator.identity());
    }

    public static TestServer start(Path dataDir, UnaryOperator<SextantConfig> adjust) {
        SextantConfig config = adjust.apply(SextantConfig.defaults().withPort(0).withDataDir(dataDir));
        return new TestServer(SextantServer.start(config));
    }

    public Http http() {
        return http;
    }

    /** Every route the server serves, with its access policy. */
    public java.util.List<dev.sextant.server.http.RouteCatalog.Entry> routes() {
        return server.routes();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
