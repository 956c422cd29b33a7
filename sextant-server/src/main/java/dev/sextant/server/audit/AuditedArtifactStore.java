package dev.sextant.server.audit;

import dev.sextant.api.artifact.ArtifactStore;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Audits artifact uploads (with the stored file's size and SHA-256) and deletions. */
public final class AuditedArtifactStore implements ArtifactStore {
    private final ArtifactStore store;
    private final AuditTrail audit;

    public AuditedArtifactStore(ArtifactStore store, AuditTrail audit) {
        this.store = store;
        this.audit = audit;
    }

    @Override
    public ArtifactEntry put(String path, InputStream content) {
        String before = store.open(path).map(c -> {
            try (InputStream ignored = c.stream()) {
                return state(c.entry());
            } catch (java.io.IOException e) {
                return "";
            }
        }).orElse("");
        ArtifactEntry entry = store.put(path, content);
        audit.record("artifact.upload", "artifact", path, before, state(entry));
        return entry;
    }

    @Override
    public Optional<ArtifactContent> open(String path) {
        return store.open(path);
    }

    @Override
    public List<ArtifactEntry> list(String directory) {
        return store.list(directory);
    }

    @Override
    public boolean delete(String path) {
        boolean deleted = store.delete(path);
        if (deleted) {
            audit.record("artifact.delete", "artifact", path, AuditTrail.json(Map.of("path", path)), "");
        }
        return deleted;
    }

    private static String state(ArtifactEntry entry) {
        return AuditTrail.json(Map.of("size", entry.size(), "sha256", entry.sha256()));
    }
}
