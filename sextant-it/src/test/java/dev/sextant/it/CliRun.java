package dev.sextant.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What one run of the CLI printed and its exit code. */
record CliRun(int exitCode, String out, String err) {

    /**
     * Runs the CLI in this JVM, capturing stdout and stderr. Serialised across test classes:
     * {@code System.out} is one for the whole JVM.
     */
    static CliRun inProcess(List<String> args) {
        synchronized (CliRun.class) {
            PrintStream out = System.out;
            PrintStream err = System.err;
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            try {
                System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
                int exitCode = Main.execute(args.toArray(String[]::new));
                return new CliRun(exitCode, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
        }
    }

    JsonNode json() {
        try {
            return Http.JSON.readTree(out);
        } catch (IOException e) {
            throw new AssertionError("stdout is not JSON: " + this, e);
        }
    }

    List<String> lines() {
        return out.lines().toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout: " + out + "\nstderr: " + err;
    }
}
