package dev.sextant.registry.packaging;

import dev.sextant.api.SextantException;
import dev.sextant.api.artifact.ArtifactStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files of a package about to be written, with their manifest. Immutable; the byte arrays
 * are copied in and out.
 */
public final class PackageFiles {
    private final MlModel mlModel;
    private final SortedMap<String, byte[]> files;
    private final DigestManifest manifest;

    PackageFiles(MlModel mlModel, Map<String, byte[]> content) {
        this.mlModel = mlModel;
        SortedMap<String, byte[]> copy = new TreeMap<>();
        List<ModelFile> entries = new ArrayList<>();
        content.forEach((path, bytes) -> {
            copy.put(path, bytes.clone());
            entries.add(new ModelFile(path, Sha256.hex(bytes), bytes.length));
        });
        this.manifest = DigestManifest.of(entries);
        copy.put(DigestManifest.FILE_NAME, ManifestJson.write(manifest));
        this.files = Collections.unmodifiableSortedMap(copy);
    }

    public MlModel mlModel() {
        return mlModel;
    }

    /** Digests of every file except the manifest file itself. */
    public DigestManifest manifest() {
        return manifest;
    }

    /** Every file to write, the manifest file included, in path order. */
    public List<String> paths() {
        return List.copyOf(files.keySet());
    }

    public byte[] content(String path) {
        byte[] bytes = files.get(path);
        if (bytes == null) {
            throw SextantException.notFound("The package has no file '" + path + "'.");
        }
        return bytes.clone();
    }

    /**
     * Writes the package into {@code directory}, which must not exist yet or be empty, and reads
     * it back.
     */
    public ModelPackage writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            try (var existing = Files.list(directory)) {
                if (existing.findAny().isPresent()) {
                    throw SextantException.alreadyExists("Cannot write a model package into " + directory
                            + ": the directory is not empty.");
                }
            }
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = directory.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the model package to " + directory, e);
        }
        return ModelPackageReader.read(PackageSource.directory(directory));
    }

    /** Uploads the package under {@code root} of {@code store} and reads it back. */
    public ModelPackage writeTo(ArtifactStore store, String root) {
        String prefix = root.isEmpty() || root.endsWith("/") ? root : root + "/";
        files.forEach((path, bytes) -> store.put(prefix + path, new ByteArrayInputStream(bytes)));
        return ModelPackageReader.read(PackageSource.artifacts(store, root));
    }
}
