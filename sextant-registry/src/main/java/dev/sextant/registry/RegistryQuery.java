package dev.sextant.registry;

import dev.sextant.tracking.search.Comparison;
import dev.sextant.tracking.search.OrderBy;
import java.util.List;

/**
 * A parsed registry search (registered models or model versions): comparisons are AND-ed; stores
 * return at most {@code limit} results from {@code offset}, in {@code orderBy} order and then by
 * name and version (so pages never overlap).
 */
public record RegistryQuery(List<Comparison> filter, List<OrderBy> orderBy, long offset, int limit) {

    public RegistryQuery {
        filter = List.copyOf(filter);
        orderBy = List.copyOf(orderBy);
    }
}
