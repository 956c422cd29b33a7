package dev.sextant.tracking;

import dev.sextant.api.SextantException;
import java.util.Locale;

/** Run states with MLflow's proto numbers. */
public enum RunStatus {
    RUNNING(1), SCHEDULED(2), FINISHED(3), FAILED(4), KILLED(5);

    private final int number;

    RunStatus(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public boolean isTerminal() {
        return this == FINISHED || this == FAILED || this == KILLED;
    }

    public static RunStatus parse(String text) {
        for (RunStatus status : values()) {
            if (status.name().equals(text.toUpperCase(Locale.ROOT)) || String.valueOf(status.number).equals(text)) {
                return status;
            }
        }
        throw SextantException.invalid("Invalid value '" + text
                + "' for parameter 'status' supplied. Use RUNNING, SCHEDULED, FINISHED, FAILED or KILLED.");
    }
}
