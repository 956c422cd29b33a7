package dev.sextant.server.nativeapi;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.api.artifact.ArtifactStore.ArtifactEntry;
import dev.sextant.server.artifacts.ArtifactPaths;
import dev.sextant.server.artifacts.RunArtifacts;
import dev.sextant.server.http.Fields;
import dev.sextant.server.http.Json;
import dev.sextant.server.http.JsonResponses;
import dev.sextant.server.http.ParameterErrors;
import dev.sextant.tracking.Metric;
import dev.sextant.tracking.Param;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.TrackingService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** What a run logged: batches of metrics, params and tags, metric histories, artifact listings. */
final class RunDataResource {
    /** Larger pages are cut to this size; clients follow {@code next_page_token} for the rest. */
    private static final int MAX_PAGE = 100_000;

    private final TrackingService tracking;
    private final ArtifactStore artifacts;
    private final NativeRequests requests;
    private final Clock clock;

    RunDataResource(TrackingService tracking, ArtifactStore artifacts, NativeRequests requests, Clock clock) {
        this.tracking = tracking;
        this.artifacts = artifacts;
        this.requests = requests;
        this.clock = clock;
    }

    void batch(ServerRequest req, ServerResponse res) {
        String id = NativeRequests.pathParam(req, "id");
        Fields body = requests.body(req);
        long now = clock.millis();
        List<Metric> metrics = new ArrayList<>();
        for (Fields item : body.objects("metrics")) {
            String key = item.requiredString("key");
            double value = item.float64("value").orElseThrow(() -> ParameterErrors.missing(item.path("value")));
            metrics.add(new Metric(key, value, item.int64("timestamp").orElse(now), item.int64("step").orElse(0)));
        }
        List<Param> params = new ArrayList<>();
        body.stringMap("params").forEach((key, value) -> params.add(new Param(key, value)));
        tracking.logBatch(id, metrics, params, ExperimentResource.tags(body.stringMap("tags")));
        NativeRequests.noContent(res);
    }

    void history(ServerRequest req, ServerResponse res) {
        String id = NativeRequests.pathParam(req, "id");
        String key = NativeRequests.pathParam(req, "key");
        Fields query = NativeRequests.query(req);
        OptionalLong maxResults = query.int64("max_results");
        String pageToken = query.string("page_token");
        if (maxResults.isEmpty() && pageToken.isEmpty()) {
            JsonResponses.stream(res, Json.NATIVE, json -> streamAll(json, id, key));
            return;
        }
        long requested = maxResults.orElse(MAX_PAGE);
        int pageSize = (int) Math.max(Math.min(requested, MAX_PAGE), Integer.MIN_VALUE);
        NativeRequests.page(res, "metrics", tracking.metricHistory(id, key, pageToken, pageSize), NativeWire::metric);
    }

    void artifacts(ServerRequest req, ServerResponse res) {
        RunInfo info = tracking.getRunInfo(NativeRequests.pathParam(req, "id"));
        String relative = ArtifactPaths.clean(NativeRequests.query(req).string("path"));
        List<ArtifactEntry> entries = RunArtifacts.list(artifacts, info, relative);
        JsonResponses.send(res, Json.NATIVE, json -> {
            json.writeStartObject();
            json.writeStringField("root_uri", info.artifactUri());
            json.writeArrayFieldStart("files");
            for (ArtifactEntry entry : entries) {
                NativeWire.file(json, ArtifactPaths.join(relative, ArtifactPaths.basename(entry.path())), entry);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private void streamAll(JsonGenerator json, String runId, String key) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("metrics");
        try {
            tracking.streamMetricHistory(runId, key, metric -> {
                try {
                    NativeWire.metric(json, metric);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
