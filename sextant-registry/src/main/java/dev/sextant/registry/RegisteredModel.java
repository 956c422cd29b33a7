package dev.sextant.registry;

import dev.sextant.tracking.Tag;
import java.util.List;

/**
 * A named model and what points into its versions: the latest version in each stage, tags and
 * aliases. The description is an empty string when absent.
 */
public record RegisteredModel(
        String name,
        long creationTimestamp,
        long lastUpdatedTimestamp,
        String description,
        List<ModelVersion> latestVersions,
        List<Tag> tags,
        List<Alias> aliases) {

    public RegisteredModel {
        latestVersions = List.copyOf(latestVersions);
        tags = List.copyOf(tags);
        aliases = List.copyOf(aliases);
    }
}
