package dev.sextant.training;

/** Where a training run is: a stage name and the fraction of the whole run done (0 to 1). */
@FunctionalInterface
public interface TrainingProgress {
    TrainingProgress NONE = (stage, fraction) -> { };

    void update(String stage, double fraction);
}
