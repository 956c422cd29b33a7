package dev.sextant.cli.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.cli.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sextant runs list|get|search}. */
@Command(name = "runs", description = "List, search and inspect runs.",
        mixinStandardHelpOptions = true,
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.GetRun.class, RunsCommand.SearchRuns.class,
                RunsCommand.CreateRun.class})
public final class RunsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Search plumbing shared by {@code list} and {@code search}. */
    abstract static class RunQueryCommand extends TrackingCommand {
        @Option(names = {"--experiment-id", "-e"}, paramLabel = "ID", description = "Experiment id; repeat for more "
                + "(default: 0, the Default experiment).")
        List<String> experimentIds = new ArrayList<>();

        @Option(names = "--view", description = "active, deleted or all (default: ${DEFAULT-VALUE}).")
        View view = View.active;

        @Option(names = "--max-results", description = "Stop after this many runs (default: ${DEFAULT-VALUE}).")
        int maxResults = 1000;

        void search(String filter, List<String> orderBy) {
            List<String> experiments = experimentIds.isEmpty() ? List.of("0") : experimentIds;
            ArrayNode runs = Pager.collect(maxResults, (pageToken, pageSize) -> {
                ObjectNode body = MlflowHttpClient.JSON.createObjectNode()
                        .put("filter", filter).put("run_view_type", view.wire).put("max_results", pageSize);
                experiments.forEach(body.withArray("experiment_ids")::add);
                orderBy.forEach(body.withArray("order_by")::add);
                if (!pageToken.isEmpty()) {
                    body.put("page_token", pageToken);
                }
                return mlflow().post("runs/search", body);
            }, "runs");
            if (output.json()) {
                printJson(MlflowHttpClient.JSON.createObjectNode().set("runs", runs));
                return;
            }
            Table table = new Table("RUN ID", "NAME", "STATUS", "STARTED", "EXPERIMENT", "METRICS");
            runs.forEach(run -> table.row(run.at("/info/run_id").asText(), run.at("/info/run_name").asText(),
                    run.at("/info/status").asText(), time(run.at("/info/start_time")),
                    run.at("/info/experiment_id").asText(), metricSummary(run.at("/data/metrics"))));
            table.print(out());
        }

        private static String metricSummary(JsonNode metrics) {
            List<String> parts = new ArrayList<>();
            metrics.forEach(m -> parts.add(m.path("key").asText() + "=" + m.path("value").asText()));
            return String.join(" ", parts);
        }
    }

    @Command(name = "list", description = "List the runs of experiments, newest first.")
    static final class ListRuns extends RunQueryCommand {
        @Override
        public void run() {
            search("", List.of());
        }
    }

    @Command(name = "search", description = "Search runs with MLflow's filter syntax.")
    static final class SearchRuns extends RunQueryCommand {
        @Option(names = "--filter", description = "e.g. \"metrics.accuracy > 0.9 and params.algo = 'tree'\".")
        String filter = "";

        @Option(names = "--order-by", description = "e.g. \"metrics.accuracy DESC\"; repeat for more.")
        List<String> orderBy = new ArrayList<>();

        @Override
        public void run() {
            search(filter, orderBy);
        }
    }

    @Command(name = "create", description = "Start a run that records this directory's git commit and the "
            + "environment; prints the run id.")
    static final class CreateRun extends TrackingCommand {
        @Option(names = {"--experiment-id", "-e"}, paramLabel = "ID", description = "Experiment id (default: 0).")
        String experimentId = "0";

        @Option(names = "--name", description = "Run name (default: a generated one).")
        String name = "";

        @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A tag; repeat for more.")
        Map<String, String> tags = new java.util.LinkedHashMap<>();

        @Override
        public void run() {
            ObjectNode body = MlflowHttpClient.JSON.createObjectNode()
                    .put("experiment_id", experimentId).put("start_time", System.currentTimeMillis());
            if (!name.isEmpty()) {
                body.put("run_name", name);
            }
            ArrayNode tagArray = body.putArray("tags");
            Map<String, String> all = new java.util.LinkedHashMap<>();
            RunSource.tags().forEach(tag -> all.put(tag.key(), tag.value()));
            all.putAll(tags);
            all.forEach((key, value) -> tagArray.addObject().put("key", key).put("value", value));
            JsonNode created = mlflow().post("runs/create", body);
            if (output.json()) {
                printJson(created);
            } else {
                out().println(created.at("/run/info/run_id").asText());
                out().flush();
            }
        }
    }

    @Command(name = "get", description = "Show one run: info, params, metrics, tags and inputs.")
    static final class GetRun extends TrackingCommand {
        @Parameters(paramLabel = "RUN_ID", description = "Run id.")
        String runId;

        @Override
        public void run() {
            JsonNode response = mlflow().get("runs/get", Map.of("run_id", List.of(runId)));
            if (output.json()) {
                printJson(response);
                return;
            }
            JsonNode run = response.path("run");
            JsonNode info = run.path("info");
            Table table = new Table("FIELD", "VALUE")
                    .row("run_id", info.path("run_id").asText())
                    .row("name", info.path("run_name").asText())
                    .row("experiment_id", info.path("experiment_id").asText())
                    .row("status", info.path("status").asText())
                    .row("user", info.path("user_id").asText())
                    .row("started", time(info.path("start_time")))
                    .row("ended", time(info.path("end_time")))
                    .row("lifecycle_stage", info.path("lifecycle_stage").asText())
                    .row("artifact_uri", info.path("artifact_uri").asText());
            run.at("/data/params").forEach(p -> table.row("param " + p.path("key").asText(), p.path("value").asText()));
            run.at("/data/metrics").forEach(m -> table.row("metric " + m.path("key").asText(),
                    m.path("value").asText() + " (step " + m.path("step").asText() + ")"));
            run.at("/data/tags").forEach(t -> table.row("tag " + t.path("key").asText(), t.path("value").asText()));
            run.at("/inputs/dataset_inputs").forEach(d -> table.row("input " + d.at("/dataset/name").asText(),
                    "digest " + d.at("/dataset/digest").asText()));
            table.print(out());
        }
    }
}
