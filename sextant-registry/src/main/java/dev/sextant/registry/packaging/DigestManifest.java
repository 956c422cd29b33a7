package dev.sextant.registry.packaging;

import dev.sextant.api.SextantException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The SHA-256 and size of every file of a model package, by relative path. The package digest is
 * a SHA-256 over the sorted entries, so two packages with the same files have the same digest
 * wherever they are stored. The manifest file itself is never an entry.
 */
public record DigestManifest(SortedMap<String, ModelFile> files) {
    public static final String FILE_NAME = "sextant-manifest.json";

    public DigestManifest {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        files.forEach((path, file) -> {
            if (!path.equals(file.path())) {
                throw new IllegalArgumentException("manifest entry " + file.path() + " filed under " + path);
            }
        });
        if (files.containsKey(FILE_NAME)) {
            throw SextantException.invalid("A digest manifest cannot list itself (" + FILE_NAME + ").");
        }
    }

    public static DigestManifest of(List<ModelFile> files) {
        SortedMap<String, ModelFile> byPath = new TreeMap<>();
        for (ModelFile file : files) {
            if (byPath.put(file.path(), file) != null) {
                throw SextantException.invalid("Model file '" + file.path() + "' is listed twice.");
            }
        }
        return new DigestManifest(byPath);
    }

    public List<ModelFile> entries() {
        return List.copyOf(files.values());
    }

    public Optional<ModelFile> file(String path) {
        return Optional.ofNullable(files.get(path));
    }

    /** Total bytes of all files. */
    public long totalSize() {
        return files.values().stream().mapToLong(ModelFile::size).sum();
    }

    /**
     * {@code sha256:<hex>} over the lines {@code <path>\0<sha256>\0<size>\n} in path order: stable,
     * and changed by any renamed, added, removed or altered file.
     */
    public String digest() {
        MessageDigest digest = Sha256.newDigest();
        for (ModelFile file : files.values()) {
            digest.update((file.path() + '\0' + file.sha256() + '\0' + file.size() + '\n')
                    .getBytes(StandardCharsets.UTF_8));
        }
        return "sha256:" + Sha256.hex(digest);
    }

    /** Differences against {@code expected}, one readable line per file; empty when they agree. */
    public List<String> differencesFrom(DigestManifest expected) {
        List<String> problems = new ArrayList<>();
        for (ModelFile want : expected.files.values()) {
            ModelFile have = files.get(want.path());
            if (have == null) {
                problems.add("'" + want.path() + "' is missing");
            } else if (!have.sha256().equals(want.sha256()) || have.size() != want.size()) {
                problems.add("'" + want.path() + "' has SHA-256 " + have.sha256() + " (" + have.size()
                        + " bytes) but the manifest records " + want.sha256() + " (" + want.size() + " bytes)");
            }
        }
        for (Map.Entry<String, ModelFile> have : files.entrySet()) {
            if (!expected.files.containsKey(have.getKey())) {
                problems.add("'" + have.getKey() + "' is not in the manifest");
            }
        }
        return problems;
    }
}
