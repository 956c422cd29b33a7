package dev.sextant.server.inference;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * How many rows a prediction request carries, read from its JSON before any tensor is built, so
 * that {@code limits.max-batch-rows} refuses an oversized batch before it costs anything. A body
 * too malformed to count is counted as 0 and left to the decoder to explain.
 */
final class RequestRows {
    private RequestRows() {
    }

    /** Open Inference Protocol: the largest first dimension of any input's {@code shape}. */
    static long oip(JsonNode body) {
        long rows = 0;
        for (JsonNode input : body.path("inputs")) {
            JsonNode first = input.path("shape").path(0);
            if (first.canConvertToLong()) {
                rows = Math.max(rows, first.asLong());
            }
        }
        return rows;
    }

    /** MLflow scoring: rows of {@code dataframe_split}, records, instances, or the longest {@code inputs} list. */
    static long scoring(JsonNode body) {
        if (body.has("dataframe_split")) {
            return body.get("dataframe_split").path("data").size();
        }
        if (body.has("dataframe_records")) {
            return body.get("dataframe_records").size();
        }
        if (body.has("instances")) {
            return body.get("instances").size();
        }
        JsonNode inputs = body.path("inputs");
        if (inputs.isObject()) {
            long rows = 0;
            for (Map.Entry<String, JsonNode> column : inputs.properties()) {
                rows = Math.max(rows, column.getValue().size());
            }
            return rows;
        }
        return inputs.size();
    }
}
