package dev.sextant.cli.registry;

import dev.sextant.cli.ServerCommand;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.cli.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sextant lineage models:/churn/Production} (which data and code made it) and
 * {@code sextant lineage --dataset DIGEST} (which model versions were trained on it).
 */
@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = {"Show where a model came from, or what was made from a dataset version.",
                "  sextant lineage models:/churn/Production   data, code and environment behind a model",
                "  sextant lineage --dataset 3f2a9c…          runs and model versions trained on a dataset version"})
public final class LineageCommand extends ServerCommand {

    @ArgGroup(multiplicity = "1")
    Start start;

    /** Exactly one starting point. */
    static final class Start {
        @Parameters(paramLabel = "MODEL_URI", arity = "0..1",
                description = "models:/<name>/<version|stage|latest>, models:/<name>@<alias> or runs:/<run>/<path>.")
        String modelUri;

        @Option(names = "--dataset", paramLabel = "DIGEST", description = "A dataset version's SHA-256, or the "
                + "digest a run recorded for it.")
        String datasetDigest;
    }

    @Override
    public void run() {
        JsonNode graph = start.datasetDigest != null
                ? client().get("/lineage/downstream", Map.of("dataset_digest", start.datasetDigest))
                : client().get("/lineage/upstream", Map.of("model_uri", start.modelUri));
        if (output.json()) {
            printJson(graph);
            return;
        }
        Table nodes = new Table("NODE", "TYPE", "DETAILS");
        graph.path("nodes").forEach(node -> nodes.row(node.path("id").asText(), node.path("type").asText(),
                details(node)));
        nodes.print(out());
        out().println();
        Table edges = new Table("FROM", "RELATION", "TO");
        graph.path("edges").forEach(edge -> edges.row(edge.path("from").asText(), edge.path("relation").asText()
                + (edge.path("context").asText().isEmpty() ? "" : " (" + edge.path("context").asText() + ")"),
                edge.path("to").asText()));
        edges.print(out());
    }

    private static String details(JsonNode node) {
        List<String> parts = new ArrayList<>();
        switch (node.path("type").asText()) {
            case "dataset_version" -> {
                parts.add(node.path("name").asText());
                add(parts, "source", node.path("source_type").asText());
            }
            case "run" -> {
                add(parts, "commit", shortened(node.at("/code/git_commit").asText(), 12));
                add(parts, "java", node.at("/environment/sextant.env.java_version").asText());
                add(parts, "name", node.path("run_name").asText());
            }
            case "model_version" -> {
                add(parts, "stage", node.path("stage").asText());
                add(parts, "aliases", join(node.path("aliases")));
                add(parts, "package", shortened(node.path("package_digest").asText(), 19));
            }
            case "deployment" -> add(parts, "endpoint", node.path("endpoint").asText());
            default -> {
            }
        }
        return String.join(", ", parts);
    }

    /** Commits and digests are long; the table shows a prefix, JSON output the whole value. */
    private static String shortened(String value, int length) {
        return value.length() > length ? value.substring(0, length) : value;
    }

    private static void add(List<String> parts, String label, String value) {
        if (!value.isEmpty()) {
            parts.add(label + " " + value);
        }
    }
}
