package dev.sextant.cli.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.cli.CliFailure;
import dev.sextant.cli.ConnectionOptions;
import dev.sextant.cli.OutputOptions;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Shared plumbing of the release verbs: connection, output format, printing. */
abstract class ReleaseCommand implements Runnable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    ReleaseClient client() {
        return new ReleaseClient(connection.serverUrl(System.getenv()), connection.token(System.getenv()));
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    void printJson(JsonNode node) {
        try {
            out().println(ReleaseClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            out().flush();
        } catch (JsonProcessingException e) {
            throw new CliFailure(CliFailure.FAILED, "could not print JSON: " + e.getOriginalMessage());
        }
    }

    static String model(String name) {
        return "/models/" + ReleaseClient.segment(name);
    }

    static String time(JsonNode millis) {
        return millis.isMissingNode() || millis.isNull() ? "" : TIME.format(Instant.ofEpochMilli(millis.asLong()));
    }

    static String number(JsonNode value) {
        if (!value.isNumber()) {
            return value.asText("");
        }
        return String.format(Locale.ROOT, "%.4f", value.asDouble()).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
