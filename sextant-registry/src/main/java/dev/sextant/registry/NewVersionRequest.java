package dev.sextant.registry;

import dev.sextant.tracking.Tag;
import java.util.List;

/** A request to register a version, as a client sends it; empty strings mean "not given". */
public record NewVersionRequest(String name, String source, String runId, String runLink, String description,
                                List<Tag> tags) {

    public NewVersionRequest {
        tags = List.copyOf(tags);
    }
}
