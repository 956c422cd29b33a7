package dev.sextant.server;

import dev.sextant.server.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes sure the data directory exists and is usable before anything is stored in it. */
final class DataDirectory {

    private DataDirectory() {
    }

    static void prepare(Path dataDir, Path artifactsDir) {
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(artifactsDir);
        } catch (IOException | SecurityException e) {
            throw unusable(dataDir, "it cannot be created (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        if (!Files.isDirectory(dataDir) || !Files.isReadable(dataDir) || !Files.isWritable(dataDir)) {
            throw unusable(dataDir, "it is not a readable and writable directory");
        }
    }

    private static ConfigException unusable(Path dataDir, String why) {
        return new ConfigException("data-dir", "Data directory " + dataDir.toAbsolutePath() + " is unusable: " + why
                + ". Set 'data-dir' (--data-dir, SEXTANT_DATA_DIR) to a writable directory or fix its permissions.");
    }
}
