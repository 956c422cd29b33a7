package dev.sextant.cli.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** Follows MLflow page tokens until the results run out or the caller's limit is reached. */
final class Pager {
    private static final int PAGE_SIZE = 1000;

    interface PageFetcher {
        JsonNode fetch(String pageToken, int pageSize);
    }

    private Pager() {
    }

    static ArrayNode collect(int limit, PageFetcher fetcher, String field) {
        ArrayNode all = MlflowHttpClient.JSON.createArrayNode();
        String token = "";
        do {
            JsonNode page = fetcher.fetch(token, Math.min(PAGE_SIZE, limit - all.size()));
            page.path(field).forEach(all::add);
            token = page.path("next_page_token").asText("");
        } while (!token.isEmpty() && all.size() < limit);
        return all;
    }
}
