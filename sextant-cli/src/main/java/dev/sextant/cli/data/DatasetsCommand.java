package dev.sextant.cli.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.cli.CliFailure;
import dev.sextant.cli.ServerCommand;
import dev.sextant.cli.nativeapi.NativeClient;
import dev.sextant.cli.Table;
import dev.sextant.data.read.DataFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sextant datasets push|list|get|versions}: versioned data files, addressed as {@code datasets:/NAME/V}. */
@Command(name = "datasets", mixinStandardHelpOptions = true, description = "Push data files (CSV or Parquet) as "
        + "numbered, immutable dataset versions, and look them up. Evaluate on one with "
        + "'sextant evaluate MODEL_URI --data datasets:/NAME/V'.",
        subcommands = {DatasetsCommand.Push.class, DatasetsCommand.ListDatasets.class, DatasetsCommand.Get.class,
                DatasetsCommand.Versions.class})
public final class DatasetsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "push", description = "Push FILE as the next version of dataset NAME (created by its first push). "
            + "Bytes equal to the latest version's are that version.")
    static final class Push extends ServerCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Dataset name, e.g. holdout.")
        String name;

        @Parameters(index = "1", paramLabel = "FILE", description = "CSV (.csv, .tsv, .csv.gz) or Parquet (.parquet).")
        Path file;

        @Option(names = "--format", paramLabel = "FORMAT", description = "csv or parquet (default: from the file name).")
        String format = "";

        @Option(names = "--source", paramLabel = "TEXT", description = "Where the data came from (default: the file name).")
        String source = "";

        @Option(names = "--description", paramLabel = "TEXT", description = "The dataset's description (first push).")
        String description = "";

        @Override
        public void run() {
            if (!Files.isRegularFile(file)) {
                throw new CliFailure(CliFailure.FAILED, "cannot read " + file + ": no such file");
            }
            DataFormat dataFormat;
            try {
                dataFormat = format.isEmpty() ? DataFormat.of(file) : DataFormat.parse(format);
            } catch (RuntimeException e) {
                throw new CliFailure(CliFailure.FAILED, e.getMessage());
            }
            Map<String, String> query = new LinkedHashMap<>();
            query.put("format", dataFormat.wireName());
            query.put("source", source.isEmpty() ? file.getFileName().toString() : source);
            query.put("description", description);
            NativeClient.Answer answer = client().upload("/datasets/" + NativeClient.segment(name) + "/versions", query,
                    file, dataFormat == DataFormat.CSV ? "text/csv" : "application/vnd.apache.parquet");
            if (output.json()) {
                printJson(answer.body());
                return;
            }
            JsonNode v = answer.body().path("dataset_version");
            out().println((answer.body().path("created").asBoolean() ? "Pushed " : "Unchanged: the latest version holds "
                    + "these bytes, ") + v.path("uri").asText() + " (" + v.path("rows").asLong() + " rows, "
                    + v.path("schema").size() + " columns, " + v.path("format").asText() + ", sha256 "
                    + shortSha(v) + ")");
            out().flush();
        }
    }

    @Command(name = "list", description = "Every dataset.")
    static final class ListDatasets extends ServerCommand {
        @Override
        public void run() {
            JsonNode answer = client().get("/datasets");
            if (output.json()) {
                printJson(answer);
                return;
            }
            Table table = new Table("NAME", "LATEST", "VERSIONS", "CREATED", "BY", "DESCRIPTION");
            answer.path("datasets").forEach(d -> table.row(d.path("name").asText(), d.path("latest_version").asText("-"),
                    d.path("versions").asText(), time(d.path("creation_time")), d.path("created_by").asText(),
                    d.path("description").asText()));
            table.print(out());
            out().flush();
        }
    }

    @Command(name = "get", description = "A dataset (NAME) or one version with its schema (NAME/V, datasets:/NAME/V).")
    static final class Get extends ServerCommand {
        @Parameters(paramLabel = "NAME[/V]")
        String what;

        @Override
        public void run() {
            String text = what.startsWith("datasets:/") ? what.substring("datasets:/".length()) : what;
            int slash = text.lastIndexOf('/');
            if (slash < 0) {
                dataset(text);
            } else {
                version(text.substring(0, slash), text.substring(slash + 1));
            }
        }

        private void dataset(String name) {
            JsonNode answer = client().get("/datasets/" + NativeClient.segment(name));
            if (output.json()) {
                printJson(answer);
                return;
            }
            JsonNode d = answer.path("dataset");
            out().println("Dataset " + d.path("name").asText() + ": " + d.path("versions").asLong() + " version(s), latest "
                    + d.path("latest_version").asText("-") + "; created " + time(d.path("creation_time")) + " by "
                    + d.path("created_by").asText());
            if (!d.path("description").asText().isEmpty()) {
                out().println(d.path("description").asText());
            }
            out().flush();
        }

        private void version(String name, String version) {
            JsonNode answer = client().get("/datasets/" + NativeClient.segment(name) + "/versions/"
                    + NativeClient.segment(version));
            if (output.json()) {
                printJson(answer);
                return;
            }
            JsonNode v = answer.path("dataset_version");
            out().println(v.path("uri").asText() + ": " + v.path("rows").asLong() + " rows, " + v.path("size_bytes").asLong()
                    + " bytes of " + v.path("format").asText() + ", sha256 " + v.path("sha256").asText());
            out().println("pushed " + time(v.path("creation_time")) + " by " + v.path("created_by").asText()
                    + (v.path("source").asText().isEmpty() ? "" : " from " + v.path("source").asText()));
            out().println();
            Table schema = new Table("COLUMN", "TYPE");
            v.path("schema").forEach(c -> schema.row(c.path("name").asText(), c.path("type").asText()));
            schema.print(out());
            out().flush();
        }
    }

    @Command(name = "versions", description = "A dataset's versions, newest first.")
    static final class Versions extends ServerCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public void run() {
            JsonNode answer = client().get("/datasets/" + NativeClient.segment(name) + "/versions");
            if (output.json()) {
                printJson(answer);
                return;
            }
            Table table = new Table("VERSION", "ROWS", "COLUMNS", "BYTES", "FORMAT", "SHA256", "PUSHED", "BY", "SOURCE");
            answer.path("dataset_versions").forEach(v -> table.row(v.path("version").asText(), v.path("rows").asText(),
                    String.valueOf(v.path("schema").size()), v.path("size_bytes").asText(), v.path("format").asText(),
                    shortSha(v), time(v.path("creation_time")), v.path("created_by").asText(), v.path("source").asText()));
            table.print(out());
            out().flush();
        }
    }

    static String shortSha(JsonNode version) {
        String sha = version.path("sha256").asText();
        return sha.substring(0, Math.min(12, sha.length()));
    }
}
