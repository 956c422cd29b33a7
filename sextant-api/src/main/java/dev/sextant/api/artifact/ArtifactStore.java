package dev.sextant.api.artifact;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Artifact storage SPI: files addressed by a relative POSIX path (no {@code ..}, no leading
 * slash), whose bytes are kept content-addressed by SHA-256. The local store implements it
 * today; an S3 store will implement it later.
 */
public interface ArtifactStore {

    /** Streams {@code content} to the store under {@code path}, replacing any earlier file there. */
    ArtifactEntry put(String path, InputStream content);

    /** The file at {@code path}, if it exists. The caller closes the stream. */
    Optional<ArtifactContent> open(String path);

    /** Direct children of {@code directory} ("" for the root), files and directories, sorted by path. */
    List<ArtifactEntry> list(String directory);

    /** Deletes a file or a whole directory; returns whether anything was there. */
    boolean delete(String path);

    /** A file or directory; directories have size 0 and an empty digest. */
    record ArtifactEntry(String path, boolean directory, long size, String sha256) {
    }

    /** An open file and its size. */
    record ArtifactContent(ArtifactEntry entry, InputStream stream) {
    }
}
