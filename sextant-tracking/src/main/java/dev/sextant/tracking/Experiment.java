package dev.sextant.tracking;

import java.util.List;

/** An experiment groups runs; ids are decimal strings as in MLflow ("0" is Default). */
public record Experiment(
        String experimentId,
        String name,
        String artifactLocation,
        LifecycleStage lifecycleStage,
        long creationTime,
        long lastUpdateTime,
        List<Tag> tags) {

    public Experiment {
        tags = List.copyOf(tags);
    }
}
