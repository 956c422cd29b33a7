package dev.sextant.server.mlflow;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sextant.server.http.Fields;
import dev.sextant.server.http.Json;
import dev.sextant.server.http.JsonResponses;
import dev.sextant.tracking.Metric;
import dev.sextant.tracking.Page;
import dev.sextant.tracking.TrackingService;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.OptionalLong;

/**
 * {@code metrics/get-history}: without {@code max_results} every point is streamed straight from
 * the store to the socket, so a million-point history never sits in memory; with it, one page.
 */
final class HistoryHandler {
    /** Larger pages are cut to this size; clients follow {@code next_page_token} for the rest. */
    static final int MAX_PAGE = 100_000;
    /** Page size when a client sends a page token but no {@code max_results}. */
    static final int DEFAULT_PAGE = 25_000;
    /**
     * MLflow's Java client (2.x) asks for pages of 25,000 but fails when it follows a page token
     * (it appends to an immutable list), so it gets the whole history, streamed, in one response.
     */
    private static final String CLIENT_THAT_CANNOT_PAGE = "mlflow-java-client/";

    private final TrackingService tracking;
    private final MlflowRequests requests;

    HistoryHandler(TrackingService tracking, MlflowRequests requests) {
        this.tracking = tracking;
        this.requests = requests;
    }

    void getHistory(ServerRequest req, ServerResponse res) {
        Fields in = requests.read(req);
        String runId = RunHandlers.runId(in);
        String key = in.requiredString("metric_key");
        OptionalLong maxResults = in.int64("max_results");
        String pageToken = in.string("page_token");
        if (pageToken.isEmpty() && (maxResults.isEmpty() || clientCannotPage(req))) {
            JsonResponses.stream(res, Json.MLFLOW, json -> streamAll(json, runId, key));
            return;
        }
        Page<Metric> page = tracking.metricHistory(runId, key, pageToken, pageSize(maxResults));
        JsonResponses.send(res, Json.MLFLOW, json -> {
            json.writeStartObject();
            if (!page.items().isEmpty()) {
                json.writeArrayFieldStart("metrics");
                for (Metric metric : page.items()) {
                    MlflowWire.metric(json, metric);
                }
                json.writeEndArray();
            }
            if (page.nextPageToken().isPresent()) {
                json.writeStringField("next_page_token", page.nextPageToken().get());
            }
            json.writeEndObject();
        });
    }

    private static boolean clientCannotPage(ServerRequest req) {
        return req.headers().first(HeaderNames.USER_AGENT)
                .map(agent -> agent.startsWith(CLIENT_THAT_CANNOT_PAGE))
                .orElse(false);
    }

    static int pageSize(OptionalLong maxResults) {
        long requested = maxResults.orElse(DEFAULT_PAGE);
        return (int) Math.max(Math.min(requested, MAX_PAGE), Integer.MIN_VALUE);
    }

    private void streamAll(JsonGenerator json, String runId, String key) throws IOException {
        json.writeStartObject();
        boolean[] opened = {false};
        try {
            tracking.streamMetricHistory(runId, key, metric -> {
                try {
                    if (!opened[0]) {
                        json.writeArrayFieldStart("metrics");
                        opened[0] = true;
                    }
                    MlflowWire.metric(json, metric);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (opened[0]) {
            json.writeEndArray();
        }
        json.writeEndObject();
    }
}
