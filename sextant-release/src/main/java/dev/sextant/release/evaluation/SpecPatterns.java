package dev.sextant.release.evaluation;

import java.util.regex.Pattern;

/** The patterns of the slice and perturbation texts. */
final class SpecPatterns {
    static final Pattern MONTH = Pattern.compile("month\\(\\s*([^()\\[\\]]+?)\\s*\\)");
    static final Pattern RANGE = Pattern.compile("([^()\\[\\]]+?)\\s*\\[([^\\[\\]]*)\\]");
    static final Pattern COLUMN = Pattern.compile("[^()\\[\\],]+");
    static final Pattern NOISE = Pattern.compile("noise\\(\\s*([^(),]+?)\\s*,\\s*([^(),]+?)\\s*\\)");
    static final Pattern MISSING = Pattern.compile("missing\\(\\s*([^(),]+?)\\s*\\)");

    private SpecPatterns() {
    }
}
