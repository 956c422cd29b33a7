package dev.sextant.cli.registry;

import dev.sextant.cli.nativeapi.NativeClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.cli.CliFailure;
import dev.sextant.cli.ConnectionOptions;
import dev.sextant.cli.OutputOptions;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Shared plumbing of the registry and lineage verbs: connection, output format, printing. */
abstract class RegistryCommand implements Runnable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    NativeClient client() {
        return new NativeClient(connection.serverUrl(System.getenv()), connection.token(System.getenv()));
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    void printJson(JsonNode node) {
        try {
            out().println(NativeClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            out().flush();
        } catch (JsonProcessingException e) {
            throw new CliFailure(CliFailure.FAILED, "could not print JSON: " + e.getOriginalMessage());
        }
    }

    static String time(JsonNode millis) {
        return millis.isMissingNode() || millis.isNull() ? "" : TIME.format(Instant.ofEpochMilli(millis.asLong()));
    }

    static String join(JsonNode values) {
        StringBuilder text = new StringBuilder();
        values.forEach(v -> text.append(text.isEmpty() ? "" : ", ").append(v.asText()));
        return text.toString();
    }
}
