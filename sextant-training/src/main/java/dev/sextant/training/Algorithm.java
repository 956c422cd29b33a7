package dev.sextant.training;

import dev.sextant.api.SextantException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The built-in learners, each with the tasks it can do. */
public enum Algorithm {
    LOGISTIC_REGRESSION(EnumSet.of(Task.CLASSIFICATION)),
    LINEAR_REGRESSION(EnumSet.of(Task.REGRESSION)),
    RANDOM_FOREST(EnumSet.of(Task.CLASSIFICATION, Task.REGRESSION)),
    EXTRA_TREES(EnumSet.of(Task.CLASSIFICATION, Task.REGRESSION));

    private final Set<Task> tasks;

    Algorithm(Set<Task> tasks) {
        this.tasks = tasks;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean supports(Task task) {
        return tasks.contains(task);
    }

    public boolean linear() {
        return this == LOGISTIC_REGRESSION || this == LINEAR_REGRESSION;
    }

    /** A random forest for either task: robust to unscaled, mixed and non-linear features. */
    public static Algorithm defaultFor(Task task) {
        return RANDOM_FOREST;
    }

    public static Algorithm parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(a -> a.wireName().equals(wanted)).findFirst()
                .orElseThrow(() -> SextantException.invalid("Unknown algorithm '" + text + "': use one of "
                        + Arrays.stream(values()).map(Algorithm::wireName).collect(Collectors.joining(", ")) + "."));
    }

    /** The error for an algorithm asked to do a task it cannot. */
    SextantException unsupported(Task task) {
        String options = Arrays.stream(values()).filter(a -> a.supports(task)).map(Algorithm::wireName)
                .collect(Collectors.joining(", "));
        return SextantException.invalid("Algorithm " + wireName() + " cannot do " + task.wireName()
                + "; for " + task.wireName() + " use one of " + options + ".");
    }
}
