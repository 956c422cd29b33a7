package dev.sextant.release.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the example data that sits beside the repository in {@code ../shared/data}. */
public final class SharedData {

    private SharedData() {
    }

    public static Path file(String name) {
        String configured = System.getProperty("sextant.shared", "");
        if (!configured.isEmpty()) {
            return Path.of(configured, "data", name);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/data").resolve(name).normalize();
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("../shared/data/" + name + " not found beside the repository");
    }
}
