package dev.sextant.cli;

import picocli.CommandLine.Option;

/** {@code --output json|table}: JSON for machines, a table for people. */
public final class OutputOptions {

    public enum Format { json, table }

    @Option(names = {"--output", "-o"}, paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.table;

    public boolean json() {
        return format == Format.json;
    }
}
