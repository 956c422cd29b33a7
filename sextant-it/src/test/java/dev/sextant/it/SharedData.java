package dev.sextant.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** Example data files of {@code ../shared/data}, beside the repository. */
final class SharedData {
    private SharedData() {
    }

    /** {@code ../shared/data/<name>}, which must exist. */
    static Path data(String name) {
        Path path = LoggedModels.shared().resolve("data").resolve(name);
        assertThat(path).exists();
        return path;
    }
}
