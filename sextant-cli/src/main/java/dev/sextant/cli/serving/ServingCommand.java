package dev.sextant.cli.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.cli.CliFailure;
import dev.sextant.cli.ConnectionOptions;
import dev.sextant.cli.OutputOptions;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Shared plumbing of the serving verbs: connection, output format, printing. */
abstract class ServingCommand implements Runnable {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    ApiClient client() {
        return new ApiClient(connection.serverUrl(System.getenv()), connection.token(System.getenv()));
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    void printJson(JsonNode node) {
        try {
            out().println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            out().flush();
        } catch (JsonProcessingException e) {
            throw new CliFailure(CliFailure.FAILED, "could not print JSON: " + e.getOriginalMessage());
        }
    }
}
