package dev.sextant.cli.security;

import dev.sextant.cli.ServerCommand;
import dev.sextant.cli.nativeapi.NativeClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.cli.Table;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sextant tokens create|list|revoke} (administrators). */
@Command(name = "tokens", description = "Create, list and revoke API tokens (administrators).",
        mixinStandardHelpOptions = true,
        subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
public final class TokensCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", description = "Create a token and print it; it is shown this once, alone on the last line.")
    static final class Create extends ServerCommand {
        @Option(names = "--name", required = true, description = "Who uses the token, e.g. ci-pipeline or alice.")
        String name;

        @Option(names = "--role", required = true,
                description = "viewer, data-scientist, ml-engineer, approver or admin.")
        String role;

        @Option(names = "--domain", description = "For approvers: the domain they approve for, e.g. compliance.")
        String domain = "";

        @Option(names = "--scope", paramLabel = "SCOPE",
                description = "Limit the token, e.g. predict:fraud-detector (repeat for more).")
        List<String> scopes = List.of();

        @Option(names = "--expires-in-days", description = "Lifetime in days (default: ${DEFAULT-VALUE}).")
        int days = 90;

        @Override
        public void run() {
            ObjectNode body = NativeClient.JSON.createObjectNode().put("name", name).put("role", role)
                    .put("expires_in_days", days);
            if (!domain.isEmpty()) {
                body.put("domain", domain);
            }
            scopes.forEach(body.putArray("scopes")::add);
            JsonNode created = client().post("/tokens", body);
            if (output.json()) {
                printJson(created);
                return;
            }
            JsonNode token = created.path("token");
            out().println("Created token " + token.path("id").asText() + " for '" + token.path("name").asText() + "' ("
                    + token.path("role").asText() + "), expires " + token.path("expires_at").asText() + ".");
            out().println("Store it now: it is not shown again.");
            out().println(created.path("secret").asText());
            out().flush();
        }
    }

    @Command(name = "list", description = "List tokens (never their secrets).")
    static final class ListTokens extends ServerCommand {
        @Override
        public void run() {
            JsonNode listed = client().get("/tokens", Map.of());
            if (output.json()) {
                printJson(listed);
                return;
            }
            Table table = new Table("ID", "NAME", "ROLE", "SCOPES", "EXPIRES", "REVOKED", "CREATED BY");
            listed.path("tokens").forEach(t -> table.row(t.path("id").asText(), t.path("name").asText(),
                    t.path("role").asText() + (t.has("domain") ? " (" + t.path("domain").asText() + ")" : ""),
                    String.join(" ", NativeClient.JSON.convertValue(t.path("scopes"), String[].class)),
                    t.path("expires_at").asText(), t.path("revoked_at").asText(""), t.path("created_by").asText()));
            table.print(out());
        }
    }

    @Command(name = "revoke", description = "Revoke a token by id; it stops working at once.")
    static final class Revoke extends ServerCommand {
        @Parameters(paramLabel = "ID", description = "Token id, as shown by 'sextant tokens list'.")
        String id;

        @Override
        public void run() {
            client().delete("/tokens/" + id);
            out().println("Revoked token " + id + ".");
            out().flush();
        }
    }
}
