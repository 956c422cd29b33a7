package dev.sextant.registry.packaging;

import dev.sextant.api.SextantException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A package in a local directory; symbolic links are not followed out of it. */
final class DirectorySource implements PackageSource {
    private final Path root;

    DirectorySource(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public List<String> files() {
        if (!Files.isDirectory(root)) {
            throw SextantException.notFound("No model package directory at " + root + ".");
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the model package at " + root, e);
        }
    }

    @Override
    public InputStream open(String path) {
        Path file = root.resolve(PackagePaths.requireRelative(path)).normalize();
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw SextantException.notFound("Model file '" + path + "' does not exist in " + root + ".");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open model file '" + path + "' in " + root, e);
        }
    }

    @Override
    public String description() {
        return root.toString();
    }
}
