package dev.sextant.registry.lineage;

import java.util.List;

/**
 * Which dataset versions a model version was evaluated on. Releasing records evaluations; lineage
 * shows each dataset version as an {@code evaluated-on} edge into the model version.
 */
@FunctionalInterface
public interface EvaluationReferences {

    /** No evaluations anywhere. */
    EvaluationReferences NONE = (name, version) -> List.of();

    /** The distinct dataset versions {@code name} version {@code version} was evaluated on, oldest first. */
    List<EvaluatedOn> evaluatedOn(String name, long version);

    /** The model versions evaluated on a dataset version with this content digest, oldest first. */
    default List<Evaluated> evaluatedWith(String sha256) {
        return List.of();
    }

    /** A dataset version by its URI ({@code datasets:/holdout/2}), name and content digest. */
    record EvaluatedOn(String uri, String name, String sha256) {
    }

    /** A model version and the dataset version it was evaluated on. */
    record Evaluated(String model, long version, EvaluatedOn dataset) {
    }
}
