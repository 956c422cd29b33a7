package dev.sextant.release.evaluation;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Persistence port of evaluations; implementations commit before returning. */
public interface EvaluationStore {

    /** Stores a new evaluation of an existing version (RESOURCE_DOES_NOT_EXIST otherwise). */
    void save(Evaluation evaluation);

    Optional<Evaluation> get(String id);

    /**
     * Evaluations of a model, newest first; of one version when {@code version} is given, on one
     * holdout when {@code datasetSha256} is.
     */
    List<Evaluation> list(String model, OptionalLong version, Optional<String> datasetSha256, int limit);

    /** Evaluations of any model on the data with this digest, newest first: what lineage shows downstream of data. */
    List<Evaluation> onDataset(String datasetSha256, int limit);
}
