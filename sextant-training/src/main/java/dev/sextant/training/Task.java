package dev.sextant.training;

import dev.sextant.api.SextantException;
import java.util.Locale;

/** What a model predicts: a class or a number. */
public enum Task {
    CLASSIFICATION, REGRESSION;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Task parse(String text) {
        for (Task task : values()) {
            if (task.wireName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return task;
            }
        }
        throw SextantException.invalid("Unknown task '" + text + "': use classification or regression "
                + "(or leave it out to infer it from the target column).");
    }
}
