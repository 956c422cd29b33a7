package dev.sextant.cli.quickstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * The quickstart's data directory: the server's embedded store and artifacts, and the files the
 * quickstart hands it (the data split, the release policy, the admin token, a configuration to
 * start the same server again later).
 */
record Workspace(Path dataDir) {
    static final String DEFAULT_NAME = "sextant-quickstart-data";

    Workspace {
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /**
     * {@code ./sextant-quickstart-data}, or the first of {@code -2}, {@code -3}, … that holds
     * nothing yet, so that every run starts from an empty store.
     */
    static Workspace fresh(Path workingDir) {
        for (int n = 1; ; n++) {
            Path dir = workingDir.resolve(n == 1 ? DEFAULT_NAME : DEFAULT_NAME + "-" + n);
            if (!holdsFiles(dir)) {
                return new Workspace(dir);
            }
        }
    }

    /** Whether {@code dir} exists and is not an empty directory. */
    static boolean holdsFiles(Path dir) {
        if (!Files.exists(dir)) {
            return false;
        }
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not look into " + dir, e);
        }
    }

    Path trainFile() {
        return dataFiles().resolve("seattle-weather-2012-2014.csv");
    }

    Path holdoutFile() {
        return dataFiles().resolve("seattle-weather-2015.csv");
    }

    /**
     * The example data, in a directory of its own: the server's only training data root, so that
     * training by server path reaches these files and nothing else (not the admin token beside them).
     */
    Path dataFiles() {
        return files().resolve("data");
    }

    Path policyFile() {
        return files().resolve("release-policy.yaml");
    }

    Path adminTokenFile() {
        return files().resolve("admin-token");
    }

    Path serverLog() {
        return dataDir.resolve("server.log");
    }

    /** A configuration that starts this server again: {@code ./sextant server --config <it>}. */
    Path configFile() {
        return dataDir.resolve("sextant.yaml");
    }

    /**
     * Writes the data split, the policy, a new admin token (readable by its owner only) and the
     * configuration; returns the admin token.
     */
    String prepare(WeatherData data, String policy, int port, RandomGenerator random) {
        String adminToken = newToken(random);
        try {
            Files.createDirectories(dataFiles());
            Files.writeString(trainFile(), data.trainCsv());
            Files.writeString(holdoutFile(), data.holdoutCsv());
            Files.writeString(policyFile(), policy);
            writeSecret(adminTokenFile(), adminToken);
            Files.writeString(configFile(), """
                    # The quickstart's server; start it again with: ./sextant server --config %s
                    data-dir: %s
                    server:
                      host: 127.0.0.1
                      port: %d
                    admin-token-file: %s
                    training:
                      data-roots:
                        - %s
                    """.formatted(configFile(), quoted(dataDir), port, quoted(adminTokenFile()), quoted(dataFiles())));
            return adminToken;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** The directory the quickstart's own files go to, beside the server's. */
    private Path files() {
        return dataDir.resolve("quickstart");
    }

    /** A YAML double-quoted scalar: paths may hold ':' or '#'. */
    private static String quoted(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String newToken(RandomGenerator random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void writeSecret(Path file, String secret) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions (e.g. Windows): the user's own directory guards it
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(file + " exists already; the quickstart starts from an empty data directory", e);
        }
        Files.writeString(file, secret);
    }
}
