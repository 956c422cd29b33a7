package dev.sextant.release.gate;

/**
 * One check of a verdict: what was observed against what was expected, and a sentence that says
 * what to do about a failure.
 */
public record CheckResult(String check, boolean passed, String observed, String expected, String detail) {

    static CheckResult pass(String check, String observed, String expected) {
        return new CheckResult(check, true, observed, expected, "");
    }

    static CheckResult pass(String check, String observed, String expected, String detail) {
        return new CheckResult(check, true, observed, expected, detail);
    }

    static CheckResult fail(String check, String observed, String expected, String detail) {
        return new CheckResult(check, false, observed, expected, detail);
    }
}
