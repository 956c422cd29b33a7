package dev.sextant.tracking.search;

import dev.sextant.tracking.ViewType;
import java.util.List;

/**
 * A parsed run search: all comparisons are AND-ed. Stores return at most {@code limit} runs
 * starting at {@code offset}, ordered by {@code orderBy} and then by start time descending and
 * run id (MLflow's tie-break).
 */
public record RunQuery(
        List<String> experimentIds,
        List<Comparison> filter,
        List<OrderBy> orderBy,
        ViewType viewType,
        long offset,
        int limit) {

    public RunQuery {
        experimentIds = List.copyOf(experimentIds);
        filter = List.copyOf(filter);
        orderBy = List.copyOf(orderBy);
    }
}
