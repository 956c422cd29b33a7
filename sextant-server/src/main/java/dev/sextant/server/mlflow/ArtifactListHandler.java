package dev.sextant.server.mlflow;

import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.api.artifact.ArtifactStore.ArtifactEntry;
import dev.sextant.server.artifacts.ArtifactPaths;
import dev.sextant.server.artifacts.Downloads;
import dev.sextant.server.artifacts.RunArtifacts;
import dev.sextant.server.http.Fields;
import dev.sextant.server.http.Json;
import dev.sextant.server.http.JsonResponses;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.TrackingService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;

/**
 * {@code artifacts/list}: a run's artifacts under {@code path}, with paths relative to the run's
 * artifact root, read from the store at {@code <exp>/<run>/artifacts/<path>}.
 */
final class ArtifactListHandler {
    private final TrackingService tracking;
    private final ArtifactStore artifacts;
    private final MlflowRequests requests;

    ArtifactListHandler(TrackingService tracking, ArtifactStore artifacts, MlflowRequests requests) {
        this.tracking = tracking;
        this.artifacts = artifacts;
        this.requests = requests;
    }

    void list(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        RunInfo info = tracking.getRunInfo(RunHandlers.runId(in));
        String relative = ArtifactPaths.clean(in.string("path"));
        List<ArtifactEntry> entries = RunArtifacts.list(artifacts, info, relative);
        JsonResponses.send(res, Json.MLFLOW, json -> {
            json.writeStartObject();
            json.writeStringField("root_uri", info.artifactUri());
            if (!entries.isEmpty()) {
                json.writeArrayFieldStart("files");
                for (ArtifactEntry entry : entries) {
                    Downloads.fileInfo(json, ArtifactPaths.join(relative, ArtifactPaths.basename(entry.path())), entry);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        });
    }
}
