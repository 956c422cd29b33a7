package dev.sextant.server.training;

import dev.sextant.training.recording.DatasetSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A data file ready for the trainer: a file the server already had, or a run artifact copied into
 * a private directory that {@link #discard} removes once the job is done with it.
 *
 * @param file what the trainer reads
 * @param source what the run records as the data's origin
 * @param copyDirectory the directory holding a copy, removed by {@link #discard}; empty for a server file
 */
record StagedData(Path file, DatasetSource source, Optional<Path> copyDirectory) {

    static StagedData serverFile(Path file) {
        return new StagedData(file, DatasetSource.localFile(file.toString()), Optional.empty());
    }

    void discard() {
        copyDirectory.ifPresent(StagedData::deleteTree);
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove the staged copy in " + directory, e);
        }
    }
}
