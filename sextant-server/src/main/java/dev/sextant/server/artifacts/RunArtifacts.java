package dev.sextant.server.artifacts;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.api.artifact.ArtifactStore.ArtifactEntry;
import dev.sextant.tracking.RunInfo;
import java.util.List;

/** A run's artifacts as the store holds them: {@code mlflow-artifacts:/<exp>/<run>/artifacts} → {@code <exp>/<run>/artifacts}. */
public final class RunArtifacts {

    private RunArtifacts() {
    }

    /** Direct children of a run-relative directory ("" for the root); the path must already be clean. */
    public static List<ArtifactEntry> list(ArtifactStore store, RunInfo run, String relativeDirectory) {
        String root = ArtifactPaths.proxiedRoot(run.artifactUri()).orElseThrow(() -> new SextantException(
                ErrorCode.NOT_IMPLEMENTED, "Run " + run.runId() + " keeps its artifacts at " + run.artifactUri()
                + ", which this server does not serve. Read them from that location directly."));
        return store.list(ArtifactPaths.join(root, relativeDirectory));
    }
}
