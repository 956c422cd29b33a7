package dev.sextant.registry;

import java.util.List;
import java.util.OptionalLong;

/** A registry search as a client sends it; empty strings mean "not given". */
public record RegistrySearch(String filter, List<String> orderBy, OptionalLong maxResults, String pageToken) {

    public RegistrySearch {
        orderBy = List.copyOf(orderBy);
    }
}
