package dev.sextant.server.nativeapi;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sextant.server.http.Fields;
import dev.sextant.server.http.Json;
import dev.sextant.server.http.JsonResponses;
import dev.sextant.tracking.TrackingService;
import dev.sextant.tracking.downsampling.DownsampledSeries;
import dev.sextant.tracking.downsampling.MetricDownsampler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;

/**
 * {@code GET /runs/{id}/metrics/{key}/downsampled}: a metric history reduced on the server to a
 * point budget (first, lowest, highest and last point of each bucket), streamed from the store in
 * one pass, so that a chart of a million-point metric receives a few thousand points.
 */
final class MetricSeriesResource {
    static final int DEFAULT_POINTS = 1_000;

    private final TrackingService tracking;

    MetricSeriesResource(TrackingService tracking) {
        this.tracking = tracking;
    }

    void downsampled(ServerRequest req, ServerResponse res) {
        String id = NativeRequests.pathParam(req, "id");
        String key = NativeRequests.pathParam(req, "key");
        Fields query = NativeRequests.query(req);
        long requested = query.int64("max_points").orElse(DEFAULT_POINTS);
        MetricDownsampler downsampler = new MetricDownsampler(key,
                (int) Math.clamp(requested, Integer.MIN_VALUE, Integer.MAX_VALUE));
        tracking.streamMetricHistory(id, key, downsampler);
        DownsampledSeries series = downsampler.result();
        JsonResponses.send(res, Json.NATIVE, json -> write(json, series));
    }

    /** Columns rather than point objects: about a third of the bytes, and what chart libraries take. */
    private static void write(JsonGenerator json, DownsampledSeries series) throws IOException {
        json.writeStartObject();
        json.writeStringField("key", series.key());
        json.writeNumberField("total_points", series.totalPoints());
        json.writeBooleanField("downsampled", series.downsampled());
        json.writeFieldName("steps");
        json.writeArray(series.steps(), 0, series.size());
        json.writeFieldName("timestamps");
        json.writeArray(series.timestamps(), 0, series.size());
        json.writeArrayFieldStart("values");
        for (double value : series.values()) {
            json.writeNumber(value);
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
