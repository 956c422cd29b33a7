package dev.sextant.cli.registry;

import dev.sextant.cli.ServerCommand;
import dev.sextant.cli.nativeapi.NativeClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.cli.Table;
import dev.sextant.cli.release.ModelsReleaseCommands;
import dev.sextant.cli.security.ModelsSignCommand;
import dev.sextant.cli.security.ModelsVerifyCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sextant models list|get}. */
@Command(name = "models", description = "List, inspect, gate, approve, promote and roll back registered models.", mixinStandardHelpOptions = true,
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.GetModel.class, ModelsVerifyCommand.class,
                ModelsSignCommand.class, ModelsReleaseCommands.Gate.class, ModelsReleaseCommands.Approvals.class,
                ModelsReleaseCommands.Approve.class,
                ModelsReleaseCommands.Reject.class, ModelsReleaseCommands.Promote.class, ModelsReleaseCommands.Rollback.class,
                ModelsReleaseCommands.History.class, ModelsReleaseCommands.Policy.class,
                ModelsReleaseCommands.Evaluations.class})
public final class ModelsCommand implements Runnable {
    private static final int PAGE_SIZE = 1000;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", description = "List registered models (all pages unless --max-results is given).")
    static final class ListModels extends ServerCommand {
        @Option(names = "--filter", description = "Registry filter, e.g. \"name LIKE 'churn%'\".")
        String filter = "";

        @Option(names = "--max-results", description = "Stop after this many models.")
        int maxResults = Integer.MAX_VALUE;

        @Override
        public void run() {
            ArrayNode models = NativeClient.JSON.createArrayNode();
            String token = "";
            do {
                Map<String, String> query = new LinkedHashMap<>();
                query.put("filter", filter);
                query.put("max_results", Integer.toString(Math.min(PAGE_SIZE, maxResults - models.size())));
                query.put("page_token", token);
                JsonNode page = client().get("/models", query);
                page.path("models").forEach(models::add);
                token = page.path("next_page_token").asText("");
            } while (!token.isEmpty() && models.size() < maxResults);
            if (output.json()) {
                printJson(NativeClient.JSON.createObjectNode().set("models", models));
                return;
            }
            Table table = new Table("NAME", "LATEST", "ALIASES", "UPDATED", "DESCRIPTION");
            models.forEach(m -> table.row(m.path("name").asText(), latest(m.path("latest_versions")),
                    aliases(m.path("aliases")), time(m.path("last_updated_timestamp")),
                    m.path("description").asText()));
            table.print(out());
        }
    }

    @Command(name = "get", description = "Show one registered model and its versions.")
    static final class GetModel extends ServerCommand {
        @Parameters(paramLabel = "NAME", description = "Registered model name.")
        String name;

        @Override
        public void run() {
            String path = "/models/" + NativeClient.segment(name);
            JsonNode model = client().get(path, Map.of());
            JsonNode versions = client().get(path + "/versions", Map.of("order_by", "version_number DESC"))
                    .path("versions");
            if (output.json()) {
                ObjectNode both = NativeClient.JSON.createObjectNode();
                both.set("model", model);
                both.set("versions", versions);
                printJson(both);
                return;
            }
            Table about = new Table("FIELD", "VALUE")
                    .row("name", model.path("name").asText())
                    .row("description", model.path("description").asText())
                    .row("created", time(model.path("creation_timestamp")))
                    .row("updated", time(model.path("last_updated_timestamp")))
                    .row("aliases", aliases(model.path("aliases")));
            model.path("tags").properties().forEach(tag -> about.row("tag " + tag.getKey(), tag.getValue().asText()));
            about.print(out());
            out().println();
            Table table = new Table("VERSION", "STAGE", "ALIASES", "RUN", "CREATED", "PACKAGE");
            versions.forEach(v -> table.row(v.path("version").asText(), v.path("stage").asText(),
                    join(v.path("aliases")), v.path("run_id").asText(), time(v.path("creation_timestamp")),
                    v.path("package_digest").asText()));
            table.print(out());
        }
    }

    private static String latest(JsonNode versions) {
        StringBuilder text = new StringBuilder();
        versions.forEach(v -> text.append(text.isEmpty() ? "" : ", ").append(v.path("stage").asText()).append(' ')
                .append(v.path("version").asText()));
        return text.toString();
    }

    private static String aliases(JsonNode aliases) {
        StringBuilder text = new StringBuilder();
        aliases.properties().forEach(a -> text.append(text.isEmpty() ? "" : ", ").append(a.getKey()).append('→')
                .append(a.getValue().asText()));
        return text.toString();
    }
}
