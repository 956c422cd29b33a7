package dev.sextant.tracking;

import java.util.List;
import java.util.Optional;

/** One page of results and the token for the next page, if there is one. */
public record Page<T>(List<T> items, Optional<String> nextPageToken) {

    public Page {
        items = List.copyOf(items);
    }
}
