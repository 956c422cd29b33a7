package dev.sextant.registry;

import dev.sextant.tracking.Tag;
import java.util.List;

/**
 * One registered version of a model. Versions are numbered 1, 2, … per registered model and a
 * number is never given twice, even after a version is deleted. Optional text fields are empty
 * strings when absent.
 */
public record ModelVersion(
        String name,
        long version,
        long creationTimestamp,
        long lastUpdatedTimestamp,
        String userId,
        Stage currentStage,
        String description,
        String source,
        String runId,
        String runLink,
        ModelVersionStatus status,
        String statusMessage,
        List<Tag> tags,
        List<String> aliases,
        ModelContent content) {

    public ModelVersion {
        tags = List.copyOf(tags);
        aliases = List.copyOf(aliases);
    }

    /** {@code models:/name/version}, the URI that names exactly this version. */
    public String uri() {
        return "models:/" + name + "/" + version;
    }
}
