package dev.sextant.server.training;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.api.artifact.ArtifactStore.ArtifactContent;
import dev.sextant.data.read.DataFormat;
import dev.sextant.data.version.DatasetService;
import dev.sextant.data.version.DatasetUri;
import dev.sextant.data.version.DatasetVersion;
import dev.sextant.server.artifacts.ArtifactPaths;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.TrackingService;
import dev.sextant.training.recording.DatasetSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the file a training request's {@code data} names. Three forms are accepted:
 * <ul>
 * <li>an absolute path to a CSV or Parquet file under one of the server's data roots
 *     ({@code training.data-roots}, see {@link DataRoots}; relative paths are refused: a server's
 *     working directory means nothing to its clients);</li>
 * <li>{@code runs:/<run id>/<path>}: a file logged as an artifact of a run on this server, copied to
 *     a private temporary directory for the trainer (DuckDB reads files, not streams);</li>
 * <li>{@code datasets:/<name>/<version>} or {@code datasets:/<name>@latest}: a dataset version,
 *     copied the same way after its bytes are checked against its digest.</li>
 * </ul>
 */
final class DataSources {
    static final String RUNS_SCHEME = "runs:/";
    private static final String FORMS = "Give the absolute path of a CSV or Parquet file under the server's "
            + "training.data-roots, runs:/<run id>/<path> of a data file logged as an artifact of a run, or a "
            + "dataset version (datasets:/<name>/<version>).";

    private final TrackingService tracking;
    private final ArtifactStore artifacts;
    private final Optional<DatasetService> datasets;
    private final DataRoots roots;

    DataSources(TrackingService tracking, ArtifactStore artifacts, Optional<DatasetService> datasets, DataRoots roots) {
        this.tracking = tracking;
        this.artifacts = artifacts;
        this.datasets = datasets;
        this.roots = roots;
    }

    /**
     * The file behind {@code data}; 400 for a malformed reference, 403 for a server path outside
     * the data roots (whether or not it exists), 404 when nothing is there.
     */
    StagedData stage(String data) {
        if (data.startsWith(RUNS_SCHEME)) {
            return copyOfRunArtifact(data);
        }
        if (DatasetUri.isDatasetUri(data) && datasets.isPresent()) {
            return copyOfDatasetVersion(datasets.get(), data);
        }
        if (data.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !data.matches("^[A-Za-z]:[\\\\/].*")) {
            throw SextantException.invalid("'data' is '" + data + "', a URI this server does not read. " + FORMS);
        }
        Path file = path(data);
        if (!file.isAbsolute()) {
            throw SextantException.invalid("'data' is the relative path '" + data + "'. " + FORMS);
        }
        // The real path is what is read from here on, so a link changed after this check cannot redirect the job.
        Path real = roots.admit(file, data);
        if (!Files.isRegularFile(real) || !Files.isReadable(real)) {
            throw SextantException.notFound("No readable file at '" + data + "' on the server ('data'). " + FORMS);
        }
        DataFormat.of(real);
        return StagedData.serverFile(real);
    }

    private StagedData copyOfRunArtifact(String data) {
        String rest = data.substring(RUNS_SCHEME.length());
        int slash = rest.indexOf('/');
        String runId = slash < 0 ? rest : rest.substring(0, slash);
        String relative = slash < 0 ? "" : ArtifactPaths.clean(rest.substring(slash + 1));
        if (runId.isEmpty() || relative.isEmpty()) {
            throw SextantException.invalid("'data' is '" + data + "'; a run artifact is named runs:/<run id>/<path>, "
                    + "e.g. runs:/0123abcd/data/train.csv.");
        }
        String fileName = ArtifactPaths.basename(relative);
        DataFormat.of(Path.of(fileName));
        RunInfo run = tracking.getRunInfo(runId);
        String root = ArtifactPaths.proxiedRoot(run.artifactUri()).orElseThrow(() -> SextantException.invalid(
                "Run " + runId + " keeps its artifacts at " + run.artifactUri() + ", which this server does not "
                        + "store, so '" + data + "' cannot be read. " + FORMS));
        Optional<ArtifactContent> content = artifacts.open(ArtifactPaths.join(root, relative));
        if (content.isEmpty() || content.get().entry().directory()) {
            content.ifPresent(DataSources::close);
            throw SextantException.notFound("Run " + runId + " has no artifact file '" + relative + "' ('data'). "
                    + "List its artifacts with GET /api/v1/runs/" + runId + "/artifacts.");
        }
        return copy(content.get(), fileName, new DatasetSource("run_artifact", RUNS_SCHEME + runId + "/" + relative));
    }

    private static StagedData copyOfDatasetVersion(DatasetService datasets, String data) {
        DatasetVersion version = datasets.resolve(data);
        Path directory = null;
        try {
            directory = Files.createTempDirectory("sextant-training-");
            Path file = datasets.materialize(version, directory);
            return new StagedData(file, DatasetSource.datasetVersion(version.uri()), Optional.of(directory));
        } catch (IOException | RuntimeException e) {
            Optional.ofNullable(directory).ifPresent(d -> new StagedData(d, DatasetSource.localFile(d.toString()),
                    Optional.of(d)).discard());
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SextantException(ErrorCode.INTERNAL_ERROR, "Could not copy " + version.uri() + " for training: "
                    + e.getMessage(), e);
        }
    }

    private static StagedData copy(ArtifactContent content, String fileName, DatasetSource source) {
        Path directory = null;
        try (InputStream in = content.stream()) {
            directory = Files.createTempDirectory("sextant-training-");
            Path file = directory.resolve(fileName);
            Files.copy(in, file);
            return new StagedData(file, source, Optional.of(directory));
        } catch (IOException e) {
            Optional.ofNullable(directory).ifPresent(d -> new StagedData(d, source, Optional.of(d)).discard());
            throw new SextantException(ErrorCode.INTERNAL_ERROR, "Could not copy " + source.uri()
                    + " for training: " + e.getMessage(), e);
        }
    }

    private static Path path(String data) {
        try {
            return Path.of(data).normalize();
        } catch (InvalidPathException e) {
            throw SextantException.invalid("'data' is not a usable path: " + e.getMessage() + ". " + FORMS);
        }
    }

    private static void close(ArtifactContent content) {
        try {
            content.stream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
