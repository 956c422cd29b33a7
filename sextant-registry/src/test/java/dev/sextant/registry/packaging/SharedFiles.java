package dev.sextant.registry.packaging;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code shared} directory beside the repository (models, data). Maven passes it as
 * {@code sextant.shared}; from an IDE it is found by walking up from the working directory.
 */
final class SharedFiles {
    private SharedFiles() {
    }

    static Path model(String name) {
        return root().resolve("models").resolve("sklearn-onnx").resolve(name);
    }

    static Path root() {
        String configured = System.getProperty("sextant.shared", "");
        if (!configured.isEmpty()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("models"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("No ../shared directory beside the repository; set -Dsextant.shared");
    }
}
