package dev.sextant.tracking;

import java.util.List;
import java.util.OptionalLong;

/** An experiment search as a client sends it; empty strings mean "not given". */
public record ExperimentSearch(
        String filter,
        List<String> orderBy,
        ViewType viewType,
        OptionalLong maxResults,
        String pageToken) {

    public ExperimentSearch {
        orderBy = List.copyOf(orderBy);
    }
}
