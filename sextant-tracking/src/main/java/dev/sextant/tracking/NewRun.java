package dev.sextant.tracking;

import java.util.List;
import java.util.OptionalLong;

/** A run to create; empty strings mean "not given" (a name is then generated). */
public record NewRun(String experimentId, String userId, String runName, OptionalLong startTime, List<Tag> tags) {

    public NewRun {
        tags = List.copyOf(tags);
    }
}
