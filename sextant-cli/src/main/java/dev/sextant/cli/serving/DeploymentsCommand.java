package dev.sextant.cli.serving;

import dev.sextant.cli.nativeapi.NativeClient;
import dev.sextant.cli.ServerCommand;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.cli.Table;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sextant deployments create|get|list|update|delete|switch|promote|rollback}. */
@Command(name = "deployments", mixinStandardHelpOptions = true,
        description = {"Serve registered models and change what is served, without restart.",
                "  sextant deployments create iris --model models:/iris@champion",
                "  sextant deployments update iris --model models:/iris/4",
                "  sextant deployments update iris --percent 25      (canary share)",
                "  sextant deployments switch iris                   (blue/green: the other color)"},
        subcommands = {DeploymentsCommand.Create.class, DeploymentsCommand.Get.class, DeploymentsCommand.ListAll.class,
                DeploymentsCommand.Update.class, DeploymentsCommand.Delete.class, DeploymentsCommand.Switch.class,
                DeploymentsCommand.Promote.class, DeploymentsCommand.Rollback.class})
public final class DeploymentsCommand implements Runnable {
    static final String PATH = "/deployments";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints one deployment as a table or JSON. */
    abstract static class OneDeployment extends ServerCommand {
        void show(JsonNode deployment) {
            if (output.json()) {
                printJson(deployment);
                return;
            }
            JsonNode rollout = deployment.path("rollout");
            Table about = new Table("FIELD", "VALUE")
                    .row("name", deployment.path("name").asText())
                    .row("endpoint", deployment.path("endpoint").asText())
                    .row("policy", policy(deployment.path("policy")))
                    .row("ready", deployment.path("ready").asText())
                    .row("generation", deployment.path("generation").asText())
                    .row("rollout", rollout.path("phase").asText()
                            + (deployment.path("policy").path("type").asText().equals("canary")
                            ? " (canary " + rollout.path("canary_percent").asText() + "%)" : ""));
            if (!rollout.path("reason").asText().isEmpty()) {
                about.row("reason", rollout.path("reason").asText());
            }
            JsonNode batching = deployment.path("batching");
            if (batching.path("max_batch_size").asInt(1) > 1) {
                about.row("batching", batching.path("max_batch_size").asText() + " rows, "
                        + batching.path("max_wait_ms").asText() + " ms");
            }
            deployment.path("versions").properties().forEach(slot -> about.row(slot.getKey(),
                    slot.getValue().path("uri").asText() + " (from " + slot.getValue().path("requested_uri").asText() + ")"));
            about.print(out());
        }
    }

    @Command(name = "create", description = "Create a deployment serving one model: its name is the model name on "
            + "/v2/models/NAME. Other policies: 'sextant apply -f spec.yaml'.")
    static final class Create extends OneDeployment {
        @Parameters(paramLabel = "NAME", description = "Deployment name.")
        String name;

        @Option(names = "--model", required = true, paramLabel = "MODEL_URI",
                description = "models:/<name>/<version>, models:/<name>@<alias> or models:/<name>/<stage>.")
        String model;

        @Option(names = "--max-batch-size", description = "Merge concurrent requests into calls of up to this many rows.")
        int maxBatchSize = 1;

        @Option(names = "--max-wait-ms", description = "Longest a request waits for others to batch with.")
        double maxWaitMs = 0;

        @Override
        public void run() {
            ObjectNode spec = NativeClient.JSON.createObjectNode().put("name", name).put("model", model);
            if (maxBatchSize > 1) {
                spec.putObject("batching").put("max_batch_size", maxBatchSize).put("max_wait_ms", maxWaitMs);
            }
            show(client().post(PATH, spec));
        }
    }

    @Command(name = "get", description = "Show a deployment: policy, versions served, rollout status.")
    static final class Get extends OneDeployment {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public void run() {
            show(client().get(PATH + "/" + name));
        }
    }

    @Command(name = "list", description = "List deployments.")
    static final class ListAll extends ServerCommand {
        @Override
        public void run() {
            JsonNode list = client().get(PATH);
            if (output.json()) {
                printJson(list);
                return;
            }
            Table table = new Table("NAME", "POLICY", "VERSIONS", "ROLLOUT", "READY");
            list.path("deployments").forEach(d -> {
                List<String> versions = new ArrayList<>();
                d.path("versions").properties().forEach(v -> versions.add(v.getKey() + "=" + v.getValue().path("uri").asText()));
                table.row(d.path("name").asText(), d.path("policy").path("type").asText(), String.join(" ", versions),
                        d.path("rollout").path("phase").asText(), d.path("ready").asText());
            });
            table.print(out());
        }
    }

    @Command(name = "update", description = "Change a deployment; the new models are loaded and warmed before "
            + "traffic moves.")
    static final class Update extends OneDeployment {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--model", paramLabel = "MODEL_URI", description = "Serve this model (single and shadow policies).")
        String model;

        @Option(names = "--percent", description = "Canary share (0-100), or the share a shadow policy mirrors.")
        Integer percent;

        @Option(names = "--active", description = "Blue/green: blue or green.")
        String active;

        @Option(names = "--max-batch-size", description = "Rows per merged model call (1 turns batching off).")
        Integer maxBatchSize;

        @Option(names = "--max-wait-ms", description = "Longest a request waits for others to batch with.")
        Double maxWaitMs;

        @Override
        public void run() {
            ObjectNode patch = NativeClient.JSON.createObjectNode();
            ObjectNode policy = NativeClient.JSON.createObjectNode();
            if (model != null) {
                policy.put("model", model);
            }
            if (percent != null) {
                policy.put("percent", percent);
            }
            if (active != null) {
                policy.put("active", active);
            }
            if (!policy.isEmpty()) {
                patch.set("policy", policy);
            }
            if (maxBatchSize != null || maxWaitMs != null) {
                ObjectNode batching = patch.putObject("batching");
                if (maxBatchSize != null) {
                    batching.put("max_batch_size", maxBatchSize);
                }
                if (maxWaitMs != null) {
                    batching.put("max_wait_ms", maxWaitMs);
                }
            }
            if (patch.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "Nothing to change: give --model, --percent, --active, --max-batch-size or --max-wait-ms.");
            }
            show(client().patch(PATH + "/" + name, patch));
        }
    }

    @Command(name = "delete", description = "Stop serving and delete a deployment.")
    static final class Delete extends ServerCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public void run() {
            client().delete(PATH + "/" + name);
            out().println("deployment/" + name + " deleted");
            out().flush();
        }
    }

    @Command(name = "switch", description = "Blue/green: move all traffic to the other color (again to switch back).")
    static final class Switch extends OneDeployment {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public void run() {
            show(client().post(PATH + "/" + name + "/switch", NativeClient.JSON.createObjectNode()));
        }
    }

    @Command(name = "promote", description = "Canary: all traffic to the canary now.")
    static final class Promote extends OneDeployment {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public void run() {
            show(client().post(PATH + "/" + name + "/promote", NativeClient.JSON.createObjectNode()));
        }
    }

    @Command(name = "rollback", description = "Canary: back to 0 %, recording the reason.")
    static final class Rollback extends OneDeployment {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--reason", description = "Why, for the rollout history.")
        String reason = "";

        @Override
        public void run() {
            show(client().post(PATH + "/" + name + "/rollback",
                    NativeClient.JSON.createObjectNode().put("reason", reason)));
        }
    }

    static String policy(JsonNode policy) {
        return switch (policy.path("type").asText()) {
            case "single" -> "single " + policy.path("model").asText();
            case "canary" -> "canary " + policy.path("canary").asText() + " over " + policy.path("stable").asText();
            case "blue_green" -> "blue/green, active " + policy.path("active").asText();
            case "ab" -> "A/B " + policy.path("variants").size() + " variants";
            case "shadow" -> "shadow " + policy.path("percent").asText() + "% to " + policy.path("shadow").asText();
            default -> policy.path("type").asText();
        };
    }
}
