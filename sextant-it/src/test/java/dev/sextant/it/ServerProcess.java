package dev.sextant.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Sextant server in its own JVM, started with {@code sextant server} from this test JVM's
 * classpath, on a free port and a data directory of the test's choosing. Output goes to a log file
 * under {@code target/it-logs}, whose tail is quoted when start-up fails.
 */
final class ServerProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final AtomicInteger STARTS = new AtomicInteger();
    private static final HttpClient PROBE = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();

    private final Options options;
    private final int port;
    private final Process process;
    private final Path log;
    private final Thread shutdownHook;

    /**
     * What to start: a data directory, a JDBC URL for an external metadata store (or none for the
     * embedded one), JVM flags, and {@code SEXTANT_*} environment variables. The server sees no
     * other {@code SEXTANT_*} variables than these, whatever the test JVM's environment holds.
     */
    record Options(Path dataDir, Optional<String> storeUrl, List<String> jvmArgs, Map<String, String> environment) {
        static Options of(Path dataDir) {
            return new Options(dataDir, Optional.empty(), List.of("-Xmx512m"), Map.of());
        }

        /** An external metadata store, e.g. {@code jdbc:postgresql://127.0.0.1:5432/db}. */
        Options withStore(String jdbcUrl, String user, String password) {
            Map<String, String> env = new HashMap<>(environment);
            env.put("SEXTANT_STORE_USER", user);
            env.put("SEXTANT_STORE_PASSWORD", password);
            return new Options(dataDir, Optional.of(jdbcUrl), jvmArgs, Map.copyOf(env));
        }
    }

    private ServerProcess(Options options, int port, Process process, Path log) {
        this.options = options;
        this.port = port;
        this.process = process;
        this.log = log;
        this.shutdownHook = new Thread(process::destroyForcibly, "stop-sextant-server-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a server and waits until {@code /health/ready} answers 200. */
    static ServerProcess start(Options options) {
        int port = freePort();
        Path log = logFile(port);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.jvmArgs());
        command.addAll(List.of("dev.sextant.cli.Main", "server",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--data-dir", options.dataDir().toString()));
        options.storeUrl().ifPresent(url -> command.addAll(List.of("--store", url)));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .directory(options.dataDir().toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("SEXTANT_"));
            // The class path goes in the environment, not on the command line: ONNX Runtime 1.29
            // crashes the JVM (SIGSEGV) while it initialises when the command line is longer than
            // about 4 KB, which this test class path is.
            builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
            builder.environment().putAll(options.environment());
            Process process = builder.start();
            ServerProcess server = new ServerProcess(options, port, process, log);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    static ServerProcess start(Path dataDir) {
        return start(Options.of(dataDir));
    }

    /** A new server process on the same data directory and store, e.g. after {@link #kill()}. */
    ServerProcess restart() {
        close();
        return start(options);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the server has written so far. */
    String output() {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** The last lines the server wrote, for failure messages. */
    String outputTail() {
        List<String> lines = output().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** SIGKILL: no shutdown hooks, no flushing; what was acknowledged must survive this. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** Stops the server gracefully (SIGTERM), forcibly if it does not exit in time. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        awaitExit();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting and runs the hook itself
        }
    }

    /** Whether {@code /health/ready} answers 200 right now. */
    boolean ready() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            return PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with code " + process.exitValue()
                        + " before it was ready; its output:\n" + outputTail());
            }
            if (ready()) {
                return;
            }
            sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("server on port " + port + " was not ready after " + READY_TIMEOUT
                + "; its output:\n" + outputTail());
    }

    private void awaitExit() {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path logFile(int port) {
        Path dir = Path.of(System.getProperty("sextant.it.logs", "target/it-logs"));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve("server-" + ProcessHandle.current().pid() + "-" + STARTS.incrementAndGet()
                + "-port" + port + ".log");
    }

    /**
     * The classpath goes in an argument file: a command line of tens of kilobytes makes the JVM
     * crash (SIGSEGV, no error report) when the ONNX Runtime loads a model at registration.
     */

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
