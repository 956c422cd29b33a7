package dev.sextant.tracking;

import java.util.List;

/** A run as returned by get and search. */
public record Run(RunInfo info, RunData data, List<DatasetInput> inputs) {

    public Run {
        inputs = List.copyOf(inputs);
    }
}
