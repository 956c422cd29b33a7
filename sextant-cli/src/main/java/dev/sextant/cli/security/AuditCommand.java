package dev.sextant.cli.security;

import dev.sextant.cli.ServerCommand;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.cli.CliFailure;
import dev.sextant.cli.Table;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sextant audit verify|list} (administrators). */
@Command(name = "audit", description = "Verify and query the hash-chained audit log (administrators).",
        mixinStandardHelpOptions = true, subcommands = {AuditCommand.Verify.class, AuditCommand.ListEntries.class})
public final class AuditCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "verify", description = "Check the audit chain; exits 1 and names every edited, inserted or "
            + "deleted entry when it is broken.")
    static final class Verify extends ServerCommand {
        @Override
        public void run() {
            JsonNode verdict = client().get("/audit/verify", Map.of());
            if (output.json()) {
                printJson(verdict);
            } else if (verdict.path("intact").asBoolean()) {
                out().println("Audit chain intact: " + verdict.path("entries").asLong() + " entries, head "
                        + verdict.path("head_hash").asText() + ".");
            } else {
                verdict.path("findings").forEach(f -> out().println(f.path("kind").asText() + " entry "
                        + f.path("seq").asLong() + ": " + f.path("message").asText()));
            }
            out().flush();
            if (!verdict.path("intact").asBoolean()) {
                throw new CliFailure(CliFailure.FAILED, "the audit chain is broken: "
                        + verdict.path("findings").size() + " finding(s) over " + verdict.path("entries").asLong()
                        + " entries; first at entry " + verdict.path("findings").path(0).path("seq").asLong());
            }
        }
    }

    @Command(name = "list", description = "List audit entries, oldest first.")
    static final class ListEntries extends ServerCommand {
        @Option(names = "--entity", paramLabel = "TYPE[:ID]",
                description = "e.g. experiment:7, run:<id>, token, registered-model:churn.")
        String entity = "";

        @Option(names = "--actor", description = "Only changes made by this principal.")
        String actor = "";

        @Option(names = "--after", description = "Only entries after this sequence number.")
        long after = 0;

        @Option(names = "--max-results", description = "At most this many entries (default: ${DEFAULT-VALUE}).")
        int maxResults = 100;

        @Override
        public void run() {
            JsonNode listed = client().get("/audit", Map.of("entity", entity, "actor", actor,
                    "after", String.valueOf(after), "max_results", String.valueOf(maxResults)));
            if (output.json()) {
                printJson(listed);
                return;
            }
            Table table = new Table("SEQ", "TIME", "ACTOR", "ACTION", "ENTITY", "REQUEST");
            listed.path("entries").forEach(e -> table.row(e.path("seq").asText(), e.path("time").asText(),
                    e.path("actor").asText(), e.path("action").asText(),
                    e.path("entity_type").asText() + ":" + e.path("entity_id").asText(), e.path("request_id").asText()));
            table.print(out());
        }
    }
}
