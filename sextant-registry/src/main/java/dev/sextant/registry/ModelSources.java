package dev.sextant.registry;

import dev.sextant.api.SextantException;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.TrackingService;
import java.util.function.Function;

/**
 * Finds the model package a registration source names: {@code runs:/<run>/<path>} (through the
 * run's artifact URI), an artifact URI of this server's store ({@code mlflow-artifacts:/…}), or
 * {@code models:/…} (the package of the version it points to). Other sources (s3://, local
 * paths, …) are refused: a version is only registered when the server can read and digest it.
 */
final class ModelSources {
    private final TrackingService tracking;

    ModelSources(TrackingService tracking) {
        this.tracking = tracking;
    }

    PackageLocation locate(String source, Function<ModelUri, ModelVersion> registry) {
        if (source.startsWith("runs:/")) {
            return ofRun((ModelUri.RunArtifact) ModelUri.parse(source));
        }
        if (source.startsWith("models:/")) {
            ModelVersion version = registry.apply(ModelUri.parse(source));
            String artifactUri = version.content().storageLocation();
            return new PackageLocation(artifactUri, storePath(source, artifactUri), version.runId());
        }
        return new PackageLocation(source, storePath(source, source), "");
    }

    private PackageLocation ofRun(ModelUri.RunArtifact uri) {
        RunInfo run = tracking.getRunInfo(uri.runId());
        String path = ArtifactLocations.clean(uri.path(), uri.uri());
        String root = ArtifactLocations.storePath(run.artifactUri()).orElseThrow(() -> SextantException.invalid(
                "Cannot register '" + uri.uri() + "': run " + run.runId() + " keeps its artifacts at "
                        + run.artifactUri() + ", which this server cannot read. Log the model through this "
                        + "server's artifact store (mlflow-artifacts:/) and register it from there."));
        String artifactUri = run.artifactUri() + (path.isEmpty() ? "" : "/" + path);
        return new PackageLocation(artifactUri, ArtifactLocations.join(root, path), run.runId());
    }

    private static String storePath(String source, String artifactUri) {
        return ArtifactLocations.storePath(artifactUri).orElseThrow(() -> SextantException.invalid(
                "Cannot register source '" + source + "': the server only registers models it can read and digest, "
                        + "i.e. runs:/<run id>/<path>, models:/… or mlflow-artifacts:/… locations. Log the model to "
                        + "a run of this server and register it as runs:/<run id>/<path>."));
    }
}
