package dev.sextant.registry.packaging;

import dev.sextant.api.artifact.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the files of a model package are: a local directory, a folder of the artifact store, …
 * Paths are relative to the package root, {@code /}-separated.
 */
public interface PackageSource {

    /** Every file of the package, recursively, in path order. */
    List<String> files();

    /**
     * Opens one file; the caller closes the stream. A missing file is a
     * {@link dev.sextant.api.SextantException} that names it.
     */
    InputStream open(String path);

    /** Where the package is, for messages (never contains credentials). */
    String description();

    /** The whole content of one file. */
    default byte[] read(String path) {
        try (InputStream in = open(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read '" + path + "' of the model package at " + description(), e);
        }
    }

    /** A package in a local directory. */
    static PackageSource directory(Path root) {
        return new DirectorySource(root);
    }

    /** A package under {@code root} in an artifact store ({@code ""} for the store's root). */
    static PackageSource artifacts(ArtifactStore store, String root) {
        return new ArtifactStoreSource(store, root);
    }
}
