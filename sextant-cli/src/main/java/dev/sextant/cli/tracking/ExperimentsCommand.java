package dev.sextant.cli.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.cli.Table;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sextant experiments list|create|get}. */
@Command(name = "experiments", description = "List, create and inspect experiments.",
        mixinStandardHelpOptions = true,
        subcommands = {ExperimentsCommand.ListExperiments.class, ExperimentsCommand.CreateExperiment.class,
                ExperimentsCommand.GetExperiment.class})
public final class ExperimentsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", description = "List experiments (all pages unless --max-results is given).")
    static final class ListExperiments extends TrackingCommand {
        @Option(names = "--filter", description = "MLflow filter, e.g. \"name LIKE 'churn%'\".")
        String filter = "";

        @Option(names = "--view", description = "active, deleted or all (default: ${DEFAULT-VALUE}).")
        View view = View.active;

        @Option(names = "--max-results", description = "Stop after this many experiments.")
        int maxResults = Integer.MAX_VALUE;

        @Override
        public void run() {
            ArrayNode experiments = Pager.collect(maxResults, (pageToken, pageSize) -> {
                ObjectNode body = MlflowHttpClient.JSON.createObjectNode()
                        .put("filter", filter).put("view_type", view.wire).put("max_results", pageSize);
                if (!pageToken.isEmpty()) {
                    body.put("page_token", pageToken);
                }
                return mlflow().post("experiments/search", body);
            }, "experiments");
            if (output.json()) {
                printJson(MlflowHttpClient.JSON.createObjectNode().set("experiments", experiments));
                return;
            }
            Table table = new Table("ID", "NAME", "STAGE", "CREATED", "ARTIFACT LOCATION");
            experiments.forEach(e -> table.row(e.path("experiment_id").asText(), e.path("name").asText(),
                    e.path("lifecycle_stage").asText(), time(e.path("creation_time")),
                    e.path("artifact_location").asText()));
            table.print(out());
        }
    }

    @Command(name = "create", description = "Create an experiment and print its id.")
    static final class CreateExperiment extends TrackingCommand {
        @Parameters(paramLabel = "NAME", description = "Experiment name.")
        String name;

        @Option(names = "--artifact-location", description = "Where the experiment's runs keep artifacts.")
        String artifactLocation = "";

        @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A tag; repeat for more.")
        Map<String, String> tags = Map.of();

        @Override
        public void run() {
            ObjectNode body = MlflowHttpClient.JSON.createObjectNode().put("name", name);
            if (!artifactLocation.isEmpty()) {
                body.put("artifact_location", artifactLocation);
            }
            ArrayNode tagArray = body.putArray("tags");
            tags.forEach((key, value) -> tagArray.addObject().put("key", key).put("value", value));
            JsonNode created = mlflow().post("experiments/create", body);
            if (output.json()) {
                printJson(created);
            } else {
                out().println(created.path("experiment_id").asText());
                out().flush();
            }
        }
    }

    @Command(name = "get", description = "Show one experiment, by id or with --name.")
    static final class GetExperiment extends TrackingCommand {
        @Parameters(paramLabel = "ID", arity = "0..1", description = "Experiment id.")
        String id = "";

        @Option(names = "--name", description = "Look the experiment up by name instead of id.")
        String name = "";

        @Override
        public void run() {
            if (id.isEmpty() == name.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "give exactly one of ID or --name");
            }
            JsonNode experiment = id.isEmpty()
                    ? mlflow().get("experiments/get-by-name", Map.of("experiment_name", List.of(name)))
                    : mlflow().get("experiments/get", Map.of("experiment_id", List.of(id)));
            if (output.json()) {
                printJson(experiment);
                return;
            }
            JsonNode e = experiment.path("experiment");
            Table table = new Table("FIELD", "VALUE")
                    .row("id", e.path("experiment_id").asText())
                    .row("name", e.path("name").asText())
                    .row("lifecycle_stage", e.path("lifecycle_stage").asText())
                    .row("artifact_location", e.path("artifact_location").asText())
                    .row("created", time(e.path("creation_time")))
                    .row("last_updated", time(e.path("last_update_time")));
            e.path("tags").forEach(tag -> table.row("tag " + tag.path("key").asText(), tag.path("value").asText()));
            table.print(out());
        }
    }

}
