package dev.sextant.cli.training;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.cli.CliFailure;
import dev.sextant.cli.nativeapi.NativeClient;
import dev.sextant.data.read.DataFormat;
import dev.sextant.data.read.FileDigest;
import dev.sextant.data.version.DatasetUri;
import dev.sextant.data.version.DatasetVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A dataset version's bytes, read from the server into a private temporary directory and checked
 * against the version's SHA-256 before anyone reads them: a model is never trained on data other
 * than the version it names. Closing deletes the copy.
 *
 * @param uri  the version's own URI ({@code datasets:/train/4}, also for {@code @latest})
 * @param file the copy, named as the server names its own copies so the run's dataset name matches
 */
record DatasetVersionCopy(String uri, String sha256, Path file) implements AutoCloseable {

    /** Resolves {@code @latest} on the server, then downloads and checks the version. */
    static DatasetVersionCopy fetch(NativeClient client, DatasetUri asked) {
        String dataset = "/datasets/" + NativeClient.segment(asked.name());
        long number = asked.version().isPresent() ? asked.version().getAsLong() : latest(client, dataset, asked);
        String path = dataset + "/versions/" + number;
        JsonNode version = client.get(path).path("dataset_version");
        DataFormat format = DataFormat.parse(version.path("format").asText());
        String expected = version.path("sha256").asText();
        Path directory = temporaryDirectory();
        Path file = directory.resolve(DatasetVersion.fileName(asked.name(), number, format));
        DatasetVersionCopy copy = new DatasetVersionCopy(DatasetUri.of(asked.name(), number), expected, file);
        try (InputStream in = client.download(NativeClient.API + path + "/content")) {
            Files.copy(in, file);
            String actual = FileDigest.sha256(file);
            if (!actual.equals(expected)) {
                throw new CliFailure(CliFailure.REFUSED, "the bytes received for " + copy.uri() + " do not match "
                        + "the version's digest (recorded sha256 " + expected + ", received " + actual + "), so "
                        + "nothing was trained; try again, and if it repeats the server's stored copy is damaged: "
                        + "push the file again as a new version");
            }
            return copy;
        } catch (IOException e) {
            copy.close();
            throw new CliFailure(CliFailure.FAILED, "could not copy " + copy.uri() + " from the server: "
                    + e.getMessage());
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        }
    }

    /** Deletes the copy and its directory. */
    @Override
    public void close() {
        Path directory = file.getParent();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the copy of " + uri + " in " + directory, e);
        }
    }

    private static long latest(NativeClient client, String dataset, DatasetUri asked) {
        JsonNode latest = client.get(dataset).at("/dataset/latest_version");
        if (!latest.canConvertToLong()) {
            throw new CliFailure(CliFailure.REFUSED, "RESOURCE_DOES_NOT_EXIST: Dataset '" + asked.name()
                    + "' has no versions left, so " + asked + " names nothing; push one with 'sextant datasets push "
                    + asked.name() + " FILE'");
        }
        return latest.asLong();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("sextant-train-");
        } catch (IOException e) {
            throw new CliFailure(CliFailure.FAILED, "could not create a temporary directory for the data: "
                    + e.getMessage());
        }
    }
}
