package dev.sextant.training;

import dev.sextant.api.SextantException;
import dev.sextant.training.models.Hyperparameters;

/**
 * What to train. {@code task} and {@code algorithm} are names as a user types them; empty means
 * infer the task from the target and use the task's default algorithm.
 */
public record TrainingOptions(String target, String task, String algorithm, long seed, double holdout,
                              Hyperparameters hyperparameters) {
    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_HOLDOUT = 0.2;

    public TrainingOptions {
        if (target.isBlank()) {
            throw SextantException.invalid("Name the target column to predict.");
        }
        if (!(holdout > 0 && holdout < 1)) {
            throw SextantException.invalid("The holdout fraction must be between 0 and 1 (exclusive), e.g. 0.2; got "
                    + holdout + ".");
        }
        if (hyperparameters.trees() < 1 || hyperparameters.maxDepth() < 1 || hyperparameters.epochs() < 1
                || !(hyperparameters.learningRate() > 0)) {
            throw SextantException.invalid("Trees, max depth and epochs must be at least 1 and the learning rate "
                    + "positive; got " + hyperparameters + ".");
        }
    }

    /** Defaults for everything but the target: inferred task, default algorithm, seed 42, 20% holdout. */
    public static TrainingOptions of(String target) {
        return new TrainingOptions(target, "", "", DEFAULT_SEED, DEFAULT_HOLDOUT, Hyperparameters.DEFAULTS);
    }

    public TrainingOptions withTask(String value) {
        return new TrainingOptions(target, value, algorithm, seed, holdout, hyperparameters);
    }

    public TrainingOptions withAlgorithm(String value) {
        return new TrainingOptions(target, task, value, seed, holdout, hyperparameters);
    }

    public TrainingOptions withSeed(long value) {
        return new TrainingOptions(target, task, algorithm, value, holdout, hyperparameters);
    }

    public TrainingOptions withHoldout(double value) {
        return new TrainingOptions(target, task, algorithm, seed, value, hyperparameters);
    }

    public TrainingOptions withHyperparameters(Hyperparameters value) {
        return new TrainingOptions(target, task, algorithm, seed, holdout, value);
    }
}
