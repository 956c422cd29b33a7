package dev.sextant.release.evaluation;

import java.util.Locale;

/** What a model predicts: a class label or a number. */
public enum Task {
    CLASSIFICATION, REGRESSION;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Task ofWire(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
