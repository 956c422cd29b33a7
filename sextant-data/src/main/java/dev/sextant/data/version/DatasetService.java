package dev.sextant.data.version;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.data.read.DataFormat;
import dev.sextant.data.read.FileDigest;
import dev.sextant.data.read.TableReader;
import dev.sextant.data.read.TableShape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Pushes, finds and resolves dataset versions. A push reads the file first (a file the reader
 * cannot parse is refused, naming the problem), stores its bytes in the artifact store under
 * their digest, and only then records the version, so a version never names bytes that are not
 * there.
 */
public final class DatasetService {
    public static final int MAX_SOURCE_LENGTH = 1000;
    public static final int MAX_DESCRIPTION_LENGTH = 5000;
    private static final String CONTENT_ROOT = "datasets/sha256/";

    private final DatasetStore store;
    private final ArtifactStore artifacts;
    private final Clock clock;
    private final TableReader reader = new TableReader();

    public DatasetService(DatasetStore store, ArtifactStore artifacts, Clock clock) {
        this.store = store;
        this.artifacts = artifacts;
        this.clock = clock;
    }

    /**
     * Records {@code file} (named with its format's extension) as the dataset's next version, or
     * answers the latest version when it holds the same bytes.
     */
    public DatasetStore.Pushed push(String name, Path file, String createdBy, String source, String description) {
        DatasetNames.require(name);
        requireLength("source", source, MAX_SOURCE_LENGTH);
        requireLength("description", description, MAX_DESCRIPTION_LENGTH);
        TableShape shape = reader.shape(file);
        String sha256 = FileDigest.sha256(file);
        long size = size(file);
        storeContent(sha256, file);
        return store.push(new NewDatasetVersion(name, sha256, size, DataFormat.of(file),
                shape.rows(), shape.columns(), createdBy, clock.millis(), source), description);
    }

    public List<DatasetInfo> list() {
        return store.list();
    }

    public DatasetInfo get(String name) {
        return store.get(DatasetNames.require(name)).orElseThrow(() -> SextantException.notFound("No dataset named '"
                + name + "'. Push one with 'sextant datasets push " + name + " FILE'."));
    }

    /** The dataset's versions, newest first. */
    public List<DatasetVersion> versions(String name) {
        get(name);
        return store.versions(name);
    }

    public DatasetVersion version(String name, long version) {
        get(name);
        return store.version(name, version).orElseThrow(() -> SextantException.notFound("Dataset '" + name
                + "' has no version " + version + "."));
    }

    /** The version a {@code datasets:/…} URI names now ({@code @latest}: the newest). */
    public DatasetVersion resolve(String uri) {
        DatasetUri parsed = DatasetUri.parse(uri);
        if (parsed.version().isPresent()) {
            return version(parsed.name(), parsed.version().getAsLong());
        }
        get(parsed.name());
        return store.latest(parsed.name()).orElseThrow(() -> SextantException.notFound("Dataset '" + parsed.name()
                + "' has no versions left."));
    }

    /** Deletes one version's record; its number is not given out again. */
    public DatasetVersion delete(String name, long version) {
        DatasetVersion existing = version(name, version);
        if (!store.deleteVersion(name, version)) {
            throw SextantException.notFound("Dataset '" + name + "' has no version " + version + ".");
        }
        return existing;
    }

    /** The version's bytes; the caller closes the stream. */
    public ArtifactStore.ArtifactContent open(DatasetVersion version) {
        return artifacts.open(contentPath(version.sha256())).orElseThrow(() -> new SextantException(
                ErrorCode.INVALID_STATE, "The bytes of " + version.uri() + " (sha256 " + version.sha256()
                + ") are missing from the artifact store."));
    }

    /**
     * Copies the version's bytes into {@code directory} as a file the reader recognises, checking
     * that they still have the recorded digest: data that changed is never used as if it had not.
     */
    public Path materialize(DatasetVersion version, Path directory) {
        Path file = directory.resolve(version.fileName());
        try (InputStream in = open(version).stream()) {
            Files.copy(in, file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy the bytes of " + version.uri(), e);
        }
        String actual = FileDigest.sha256(file);
        if (!actual.equals(version.sha256())) {
            throw new SextantException(ErrorCode.INVALID_STATE, "The stored bytes of " + version.uri() + " no longer "
                    + "match its digest (recorded " + version.sha256() + ", found " + actual + ").");
        }
        return file;
    }

    private void storeContent(String sha256, Path file) {
        String path = contentPath(sha256);
        try (InputStream in = Files.newInputStream(file)) {
            artifacts.put(path, in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the bytes of " + file.getFileName(), e);
        }
    }

    static String contentPath(String sha256) {
        return CONTENT_ROOT + sha256;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireLength(String what, String value, int max) {
        if (value.length() > max) {
            throw SextantException.invalid("The " + what + " is " + value.length() + " characters long; at most " + max
                    + " are allowed.");
        }
    }
}
