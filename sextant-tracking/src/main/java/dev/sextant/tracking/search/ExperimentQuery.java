package dev.sextant.tracking.search;

import dev.sextant.tracking.ViewType;
import java.util.List;

/**
 * A parsed experiment search over attributes ({@code name}, {@code creation_time},
 * {@code last_update_time}) and tags. Default order: creation time descending, then id.
 */
public record ExperimentQuery(
        List<Comparison> filter,
        List<OrderBy> orderBy,
        ViewType viewType,
        long offset,
        int limit) {

    public ExperimentQuery {
        filter = List.copyOf(filter);
        orderBy = List.copyOf(orderBy);
    }
}
