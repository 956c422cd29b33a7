package dev.sextant.tracking;

import java.util.List;
import java.util.OptionalLong;

/** A run search as a client sends it; empty strings mean "not given". */
public record RunSearch(
        List<String> experimentIds,
        String filter,
        List<String> orderBy,
        ViewType viewType,
        OptionalLong maxResults,
        String pageToken) {

    public RunSearch {
        experimentIds = List.copyOf(experimentIds);
        orderBy = List.copyOf(orderBy);
    }
}
