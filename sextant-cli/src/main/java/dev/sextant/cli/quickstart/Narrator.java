package dev.sextant.cli.quickstart;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints the loop as it goes: one numbered line per step, a line or two of detail, and the URLs to look at. */
final class Narrator {
    private static final String INDENT = "        ";

    private final PrintWriter out;
    private final Api api;
    private final int steps;
    private int current;
    private String title = "";

    Narrator(PrintWriter out, Api api, int steps) {
        this.out = out;
        this.api = api;
        this.steps = steps;
    }

    /** Starts the next step: a failure from here on is reported as this step's. */
    void begin(String title) {
        current++;
        this.title = title;
    }

    /** The step's numbered first line, once it knows what to say. */
    void headline(String text) {
        out.printf(Locale.ROOT, "[%2d/%d] %s: %s%n", current, steps, title, text);
        out.flush();
    }

    void line(String text) {
        out.println(INDENT + text);
        out.flush();
    }

    /** A URL on the server: {@code path} is what follows the host, e.g. {@code /api/v1/models/x}. */
    void link(String label, String path) {
        line(label + " " + api.url(path));
    }

    /** Where the loop is, for a failure message: {@code step 6 of 12 (Evaluate)}. */
    String where() {
        return current == 0 ? "before the first step" : "step " + current + " of " + steps + " (" + title + ")";
    }

    int stepsDone() {
        return current;
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
