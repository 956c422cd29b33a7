package dev.sextant.registry;

import dev.sextant.tracking.Tag;
import java.util.List;

/** A version to store: validated request fields plus the package content read at registration. */
public record NewModelVersion(String name, String source, String runId, String runLink, String description,
                              String userId, List<Tag> tags, ModelContent content) {

    public NewModelVersion {
        tags = List.copyOf(tags);
    }
}
