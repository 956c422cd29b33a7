package dev.sextant.registry.packaging;

import dev.sextant.api.SextantException;
import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.api.artifact.ArtifactStore.ArtifactEntry;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** A package under a folder of an artifact store (e.g. a run's {@code model/} folder). */
final class ArtifactStoreSource implements PackageSource {
    private final ArtifactStore store;
    private final String root;

    ArtifactStoreSource(ArtifactStore store, String root) {
        this.store = store;
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    @Override
    public List<String> files() {
        List<String> files = new ArrayList<>();
        collect(root, files);
        return files.stream().sorted().toList();
    }

    private void collect(String directory, List<String> files) {
        for (ArtifactEntry entry : store.list(directory)) {
            if (entry.directory()) {
                collect(entry.path(), files);
            } else {
                files.add(root.isEmpty() ? entry.path() : entry.path().substring(root.length() + 1));
            }
        }
    }

    @Override
    public InputStream open(String path) {
        String full = root.isEmpty() ? PackagePaths.requireRelative(path) : root + "/" + PackagePaths.requireRelative(path);
        return store.open(full)
                .map(ArtifactStore.ArtifactContent::stream)
                .orElseThrow(() -> SextantException.notFound("Model file '" + path + "' does not exist under artifact path '"
                        + root + "'."));
    }

    @Override
    public String description() {
        return "artifacts:/" + root;
    }
}
