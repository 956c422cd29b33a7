package dev.sextant.tracking.search;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one kind of search accepts: the entities ({@code metrics.}, {@code tags.}, …), the
 * attribute names (as written → canonical) and which attributes compare as numbers. Runs and
 * experiments have theirs here; other features (the model registry) define their own.
 *
 * @param subject what is searched, for messages ("experiment", "model version")
 */
public record SearchGrammar(String subject, Set<Entity> entities, Map<String, String> attributes,
                            Set<String> numericAttributes) {

    public SearchGrammar {
        entities = Set.copyOf(entities);
        attributes = Map.copyOf(attributes);
        numericAttributes = Set.copyOf(numericAttributes);
    }

    static final SearchGrammar RUNS = new SearchGrammar("run", EnumSet.allOf(Entity.class), Map.ofEntries(
            Map.entry("run_id", "run_id"), Map.entry("run_name", "run_name"), Map.entry("runname", "run_name"),
            Map.entry("status", "status"), Map.entry("user_id", "user_id"),
            Map.entry("artifact_uri", "artifact_uri"), Map.entry("lifecycle_stage", "lifecycle_stage"),
            Map.entry("start_time", "start_time"), Map.entry("end_time", "end_time"),
            Map.entry("created", "start_time"), Map.entry("experiment_id", "experiment_id")),
            Set.of("start_time", "end_time"));

    static final SearchGrammar EXPERIMENTS = new SearchGrammar("experiment", EnumSet.of(Entity.ATTRIBUTE, Entity.TAG),
            Map.of("name", "name", "experiment_id", "experiment_id", "creation_time", "creation_time",
                    "last_update_time", "last_update_time"),
            Set.of("creation_time", "last_update_time"));

    /** The canonical attribute names, sorted, for messages. */
    List<String> attributeNames() {
        return attributes.values().stream().distinct().sorted().toList();
    }
}
