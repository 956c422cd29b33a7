package dev.sextant.release.evaluation;

import dev.sextant.api.SextantException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What to measure on a holdout.
 *
 * @param target the column holding the truth
 * @param slices groupings to measure separately (see {@link SliceSpec})
 * @param perturbations changes to measure robustness under (see {@link Perturbation})
 * @param features for a model with one feature-matrix input: its columns in order (empty: inferred)
 * @param latencyRows how many single-row predictions to time (0: no latency measurement)
 * @param seed seed of the noise perturbations and of the rows timed
 */
public record EvaluationRequest(String target, List<SliceSpec> slices, List<Perturbation> perturbations,
                                List<String> features, int latencyRows, long seed) {
    public static final int DEFAULT_LATENCY_ROWS = 200;
    public static final int MAX_LATENCY_ROWS = 10_000;
    public static final long DEFAULT_SEED = 42;

    public EvaluationRequest {
        if (target.isBlank()) {
            throw SextantException.invalid("Name the target column (the truth the model's predictions are compared with).");
        }
        slices = List.copyOf(slices);
        perturbations = List.copyOf(perturbations);
        features = List.copyOf(features);
        if (latencyRows < 0 || latencyRows > MAX_LATENCY_ROWS) {
            throw SextantException.invalid("latency_rows must be between 0 and " + MAX_LATENCY_ROWS + "; got " + latencyRows + ".");
        }
        requireUnique("slice", slices.stream().map(SliceSpec::text).toList());
        requireUnique("perturbation", perturbations.stream().map(Perturbation::text).toList());
        for (Perturbation perturbation : perturbations) {
            if (perturbation.feature().equals(target)) {
                throw SextantException.invalid("Perturbation '" + perturbation.text() + "' changes the target; perturb the "
                        + "model's inputs instead.");
            }
        }
    }

    /** Overall metrics and latency only. */
    public static EvaluationRequest of(String target) {
        return new EvaluationRequest(target, List.of(), List.of(), List.of(), DEFAULT_LATENCY_ROWS, DEFAULT_SEED);
    }

    public EvaluationRequest withSlices(List<SliceSpec> value) {
        return new EvaluationRequest(target, value, perturbations, features, latencyRows, seed);
    }

    public EvaluationRequest withPerturbations(List<Perturbation> value) {
        return new EvaluationRequest(target, slices, value, features, latencyRows, seed);
    }

    public EvaluationRequest withLatencyRows(int value) {
        return new EvaluationRequest(target, slices, perturbations, features, value, seed);
    }

    private static void requireUnique(String what, List<String> texts) {
        Set<String> seen = new HashSet<>();
        for (String text : texts) {
            if (!seen.add(text)) {
                throw SextantException.invalid("The " + what + " '" + text + "' is given twice.");
            }
        }
    }
}
