package dev.sextant.cli.release;

import dev.sextant.cli.nativeapi.NativeClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.cli.CliFailure;
import dev.sextant.cli.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sextant evaluate MODEL_URI --data FILE --target COLUMN}: scores a version on a holdout on the server. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a model version on holdout data with the serving runtime: overall metrics, metrics "
                + "per slice, robustness under perturbations and single-row latency, recorded on the version. The "
                + "version holding Production is evaluated on the same data too, so the two compare directly."})
public final class EvaluateCommand extends ReleaseCommand {
    private static final String DATASET_SCHEME = "datasets:/";

    @Parameters(paramLabel = "MODEL_URI", description = "e.g. models:/rain/3 or models:/rain@champion.")
    String uri;

    @Option(names = "--data", required = true, paramLabel = "FILE|DATASET_VERSION", description = "Holdout: a CSV "
            + "(.csv, .tsv, .csv.gz) or Parquet file, or a dataset version (datasets:/holdout/2, datasets:/holdout@latest), "
            + "with the model's input columns and the target.")
    String data;

    @Option(names = "--target", required = true, paramLabel = "COLUMN", description = "The column holding the truth.")
    String target;

    @Option(names = "--slice", paramLabel = "SLICE", description = "Measure per slice: a column (location), a date's "
            + "month (month(date)) or numeric ranges (temp_max[0,10,20]). Repeatable.")
    List<String> slices = new ArrayList<>();

    @Option(names = "--perturb", paramLabel = "PERTURBATION", description = "Measure under noise(column,scale) or "
            + "missing(column). Repeatable.")
    List<String> perturbations = new ArrayList<>();

    @Option(names = "--feature", paramLabel = "COLUMN", description = "For a model with one feature-matrix input: its "
            + "columns in order. Repeatable.")
    List<String> features = new ArrayList<>();

    @Option(names = "--latency-rows", paramLabel = "N", description = "Single-row predictions to time (0: none; "
            + "default: ${DEFAULT-VALUE}).")
    int latencyRows = 200;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the noise and of the rows timed (default: "
            + "${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--compare-with", paramLabel = "TARGET", description = "Also evaluate the holder of this stage or "
            + "alias on the same data, or none (default: ${DEFAULT-VALUE}).")
    String compareWith = "Production";

    @Override
    public void run() {
        NativeClient client = client();
        JsonNode version = client.get("/model-uris", Map.of("uri", uri)).path("model_version");
        String name = version.path("name").asText();
        ObjectNode body = NativeClient.JSON.createObjectNode();
        if (data.startsWith(DATASET_SCHEME)) {
            body.put("dataset_version", data);
        } else {
            body.set("data", dataNode(Path.of(data)));
        }
        body.put("target", target);
        slices.forEach(body.putArray("slices")::add);
        perturbations.forEach(body.putArray("perturbations")::add);
        features.forEach(body.putArray("features")::add);
        body.put("latency_rows", latencyRows).put("seed", seed).put("compare_with", compareWith);
        JsonNode result = client.post(model(name) + "/versions/" + version.path("version").asLong() + "/evaluations", body);
        if (output.json()) {
            printJson(result);
            return;
        }
        print(result.path("evaluation"), result.path("baseline"));
        if (result.hasNonNull("baseline_error")) {
            out().println();
            out().println("baseline: " + result.path("baseline_error").asText());
        }
        out().flush();
    }

    private static ObjectNode dataNode(Path data) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(data);
        } catch (IOException e) {
            throw new CliFailure(CliFailure.FAILED, "cannot read " + data + ": " + e.getMessage());
        }
        ObjectNode node = NativeClient.JSON.createObjectNode().put("name", data.getFileName().toString());
        String lower = data.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv") || lower.endsWith(".tsv")) {
            node.put("content", new String(bytes, StandardCharsets.UTF_8));
        } else {
            node.put("content_base64", Base64.getEncoder().encodeToString(bytes));
        }
        return node;
    }

    private void print(JsonNode e, JsonNode baseline) {
        JsonNode dataset = e.path("dataset");
        out().println("Evaluation " + e.path("id").asText() + " of models:/" + e.path("model").asText() + "/"
                + e.path("version").asLong() + ": " + e.path("task").asText() + " of '" + e.path("target").asText()
                + "' on " + dataset.path("version").asText(dataset.path("name").asText()) + " ("
                + dataset.path("rows").asInt() + " rows, sha256 "
                + dataset.path("sha256").asText().substring(0, 12) + ")");
        out().println();
        boolean compared = baseline.isObject();
        Table metrics = compared ? new Table("METRIC", "VALUE", baseline.path("holds").asText() + " (v"
                + baseline.path("version").asLong() + ")", "CHANGE") : new Table("METRIC", "VALUE");
        e.path("metrics").properties().forEach(m -> {
            if (compared) {
                JsonNode theirs = baseline.path("metrics").path(m.getKey());
                metrics.row(m.getKey(), number(m.getValue()), number(theirs), theirs.isNumber()
                        ? signed(m.getValue().asDouble() - theirs.asDouble()) : "");
            } else {
                metrics.row(m.getKey(), number(m.getValue()));
            }
        });
        metrics.print(out());
        if (!e.path("averaging").asText().isEmpty()) {
            out().println("(" + e.path("averaging").asText() + ")");
        }
        Set<String> names = new LinkedHashSet<>();
        e.path("metrics").fieldNames().forEachRemaining(names::add);
        if (!e.path("slices").isEmpty()) {
            out().println();
            Table slicesTable = table("SLICE", "VALUE", "ROWS", names);
            e.path("slices").forEach(s -> slicesTable.row(row(List.of(s.path("slice").asText(), s.path("value").asText(),
                    String.valueOf(s.path("rows").asInt())), s.path("metrics"), names)));
            slicesTable.print(out());
        }
        if (!e.path("robustness").isEmpty()) {
            out().println();
            Table robust = new Table("PERTURBATION", "METRIC", "VALUE", "CHANGE");
            e.path("robustness").forEach(r -> r.path("metrics").properties().forEach(m -> robust.row(
                    r.path("perturbation").asText(), m.getKey(), number(m.getValue()),
                    signed(m.getValue().asDouble() - e.path("metrics").path(m.getKey()).asDouble()))));
            robust.print(out());
        }
        if (e.path("latency").isObject()) {
            out().println();
            out().println("latency (single row): p50 " + number(e.path("latency").path("p50_ms")) + " ms, p99 "
                    + number(e.path("latency").path("p99_ms")) + " ms over " + e.path("latency").path("samples").asInt()
                    + " predictions");
        }
    }

    private static Table table(String first, String second, String third, Set<String> metrics) {
        List<String> headers = new ArrayList<>(List.of(first, second, third));
        headers.addAll(metrics);
        return new Table(headers.toArray(String[]::new));
    }

    private static String[] row(List<String> lead, JsonNode values, Set<String> metrics) {
        List<String> cells = new ArrayList<>(lead);
        metrics.forEach(m -> cells.add(number(values.path(m))));
        return cells.toArray(String[]::new);
    }

    static String signed(double value) {
        String text = number(NativeClient.JSON.getNodeFactory().numberNode(value));
        return value > 0 ? "+" + text : text;
    }
}
