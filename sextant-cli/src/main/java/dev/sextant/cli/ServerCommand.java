package dev.sextant.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.cli.nativeapi.NativeClient;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Shared plumbing of the verbs that talk to a server: connection, output format, printing. */
public abstract class ServerCommand implements Runnable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    @Mixin
    protected ConnectionOptions connection;

    @Mixin
    protected OutputOptions output;

    @Spec
    protected CommandSpec spec;

    protected String serverUrl() {
        return connection.serverUrl(System.getenv());
    }

    protected String token() {
        return connection.token(System.getenv());
    }

    /** A client of the native API ({@code /api/v1}). */
    protected NativeClient client() {
        return new NativeClient(serverUrl(), token());
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected void printJson(JsonNode node) {
        try {
            out().println(NativeClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            out().flush();
        } catch (JsonProcessingException e) {
            throw new CliFailure(CliFailure.FAILED, "could not print JSON: " + e.getOriginalMessage());
        }
    }

    /** Epoch milliseconds as a UTC time; blank when absent. */
    protected static String time(JsonNode millis) {
        return millis.isMissingNode() || millis.isNull() ? "" : TIME.format(Instant.ofEpochMilli(millis.asLong()));
    }

    protected static String join(JsonNode values) {
        StringBuilder text = new StringBuilder();
        values.forEach(v -> text.append(text.isEmpty() ? "" : ", ").append(v.asText()));
        return text.toString();
    }

    /** A number with at most four decimals and no trailing zeros; other values as text. */
    protected static String number(JsonNode value) {
        if (!value.isNumber()) {
            return value.asText("");
        }
        return String.format(Locale.ROOT, "%.4f", value.asDouble()).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
