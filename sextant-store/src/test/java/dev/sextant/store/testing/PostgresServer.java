package dev.sextant.store.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests: a fresh cluster in a temporary directory on a free
 * loopback port, tuned for speed (no fsync), stopped and deleted on {@link #close()} or at JVM
 * exit. Finds the server binaries in {@code $SEXTANT_PG_BIN}, {@code /usr/lib/postgresql/<v>/bin}
 * or {@code /usr/pgsql-<v>/bin}, and fails with a clear message when there are none: tests that
 * need PostgreSQL must not pass by skipping. PostgreSQL refuses to run as root, so when the JVM
 * is root the server runs as the {@code postgres} user (via {@code runuser}).
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "sextant";
    public static final String PASSWORD = "sextant";
    private static final String SERVICE_USER = "postgres";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer shared;

    private final Path binDir;
    private final Path root;
    private final List<String> asServiceUser;
    private final int port;
    private final Thread shutdownHook;
    private boolean stopped;

    /** Connection settings of one database on the server. */
    public record Database(String jdbcUrl, String user, String password) {
    }

    private PostgresServer(Path binDir, Path root, List<String> asServiceUser, int port) {
        this.binDir = binDir;
        this.root = root;
        this.asServiceUser = asServiceUser;
        this.port = port;
        this.shutdownHook = new Thread(this::stopAndDelete, "postgres-server-stop");
    }

    /** One server per JVM, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** Creates and starts a new cluster; the caller closes it. */
    public static PostgresServer start() {
        Path binDir = findBinaries();
        try {
            Path root = Files.createTempDirectory("sextant-pg-");
            List<String> asServiceUser = runningAsRoot(root) ? handOver(root) : List.of();
            PostgresServer server = new PostgresServer(binDir, root, asServiceUser, freePort());
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            server.initAndStart();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare a PostgreSQL data directory", e);
        }
    }

    public int port() {
        return port;
    }

    /** A new, empty database on this server. */
    public Database createDatabase() {
        String name = "sextant_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
        }
        return new Database(jdbcUrl(name), USER, PASSWORD);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public synchronized void close() {
        stopAndDelete();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run; nothing to remove.
        }
    }

    private void initAndStart() {
        Path data = root.resolve("data");
        run(List.of(tool("initdb"), "-D", data.toString(), "-U", USER, "--auth=trust", "-E", "UTF8",
                "--locale=C", "--no-sync"));
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + root
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        run(List.of(tool("pg_ctl"), "-D", data.toString(), "-l", root.resolve("server.log").toString(),
                "-o", options, "-w", "-t", "60", "start"));
    }

    private synchronized void stopAndDelete() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (Files.exists(root.resolve("data").resolve("postmaster.pid"))) {
                run(List.of(tool("pg_ctl"), "-D", root.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
            }
        } finally {
            deleteRecursively(root);
        }
    }

    private String tool(String name) {
        return binDir.resolve(name).toString();
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>(asServiceUser);
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).directory(root.toFile()).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("PostgreSQL command failed: " + String.join(" ", full) + "\n" + output
                        + serverLog());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + String.join(" ", full), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + full.get(0), e);
        }
    }

    private String serverLog() {
        Path log = root.resolve("server.log");
        try {
            return Files.exists(log) ? "\nserver.log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static Path findBinaries() {
        String configured = System.getenv("SEXTANT_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            if (!hasServerTools(dir)) {
                throw new IllegalStateException("SEXTANT_PG_BIN=" + configured
                        + " does not contain the PostgreSQL server programs initdb and pg_ctl.");
            }
            return dir;
        }
        return Stream.of(Path.of("/usr/lib/postgresql"), Path.of("/usr"))
                .flatMap(PostgresServer::versionedBinDirs)
                .filter(PostgresServer::hasServerTools)
                .max(Comparator.comparingInt(PostgresServer::majorVersion))
                .orElseThrow(() -> new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl) were not"
                        + " found in /usr/lib/postgresql/*/bin or /usr/pgsql-*/bin. The PostgreSQL store tests need"
                        + " them: install PostgreSQL (Debian/Ubuntu: apt-get install postgresql) or set"
                        + " SEXTANT_PG_BIN to the directory that holds initdb and pg_ctl."));
    }

    private static Stream<Path> versionedBinDirs(Path parent) {
        if (!Files.isDirectory(parent)) {
            return Stream.empty();
        }
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(p -> majorVersion(p.resolve("bin")) >= 0).map(p -> p.resolve("bin")).toList()
                    .stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static int majorVersion(Path binDir) {
        String name = binDir.getParent().getFileName().toString().replace("pgsql-", "");
        try {
            return Integer.parseInt(name.contains(".") ? name.substring(0, name.indexOf('.')) : name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean hasServerTools(Path dir) {
        return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"));
    }

    private static boolean runningAsRoot(Path ownDirectory) throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(ownDirectory, "unix:uid"));
    }

    /** Gives the directory to the service user and returns the prefix that runs a command as that user. */
    private static List<String> handOver(Path root) throws IOException {
        UserPrincipal user;
        try {
            user = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SERVICE_USER);
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL will not run as root and there is no '" + SERVICE_USER
                    + "' user to run it as. Run the tests as an ordinary user or create that user.", e);
        }
        Files.setOwner(root, user);
        return List.of("runuser", "-u", SERVICE_USER, "--");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover temporary directory is harmless.
        }
    }
}
