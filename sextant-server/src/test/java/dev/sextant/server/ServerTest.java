package dev.sextant.server;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of test classes whose tests share one real server: it starts on a free loopback port, with
 * its embedded store in a temporary directory, before the class's first test and stops after its
 * last. A subclass's own {@code @BeforeAll} runs after the server is up.
 */
public abstract class ServerTest {
    /** The server's data directory. */
    @TempDir
    protected static Path dir;
    protected static TestServer server;
    protected static Http http;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(dir);
        http = server.http();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
