package dev.sextant.cli.serving;

import dev.sextant.cli.nativeapi.NativeClient;
import dev.sextant.cli.ServerCommand;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sextant.cli.CliFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sextant apply -f spec.yaml}: creates or replaces what the file declares. A file holds
 * one or more YAML documents ({@code ---} between them), each a deployment spec:
 *
 * <pre>
 * kind: Deployment            # optional; Deployment is the only kind so far
 * name: iris
 * policy:
 *   type: canary
 *   stable: models:/iris/1
 *   canary: models:/iris@challenger
 *   percent: 10
 *   steps: [25, 50, 100]
 *   step-interval-seconds: 60
 * batching: {max-batch-size: 32, max-wait-ms: 2}
 * </pre>
 */
@Command(name = "apply", description = "Create or replace the deployments a YAML file declares.")
public final class ApplyCommand extends ServerCommand {

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "YAML file (- for standard input).")
    String file;

    @Override
    public void run() {
        List<ObjectNode> documents = read();
        ArrayNode applied = NativeClient.JSON.createArrayNode();
        for (ObjectNode document : documents) {
            String kind = document.path("kind").asText("Deployment");
            if (!kind.toLowerCase(Locale.ROOT).equals("deployment")) {
                throw new CliFailure(CliFailure.FAILED, "unknown kind '" + kind + "' in " + file + "; use kind: Deployment");
            }
            document.remove("kind");
            String name = document.path("name").asText("");
            if (name.isEmpty()) {
                throw new CliFailure(CliFailure.FAILED, "a document in " + file + " has no 'name'");
            }
            JsonNode result = client().put(DeploymentsCommand.PATH + "/" + name, NativeClient.write(document), "application/json");
            applied.add(result);
            if (!output.json()) {
                out().println("deployment/" + name + " applied (generation " + result.path("generation").asText()
                        + ", " + DeploymentsCommand.policy(result.path("policy")) + ")");
            }
        }
        if (output.json()) {
            printJson(NativeClient.JSON.createObjectNode().set("deployments", applied));
        }
        out().flush();
    }

    private List<ObjectNode> read() {
        YAMLMapper yaml = new YAMLMapper(new YAMLFactory());
        List<ObjectNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = yaml.readerFor(JsonNode.class)
                .readValues(file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file)))) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue;
                }
                if (!(node instanceof ObjectNode object)) {
                    throw new CliFailure(CliFailure.FAILED, file + " must hold YAML mappings (name: …, policy: …)");
                }
                documents.add(object);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CliFailure(CliFailure.FAILED, "no such file: " + file);
        } catch (IOException e) {
            throw new CliFailure(CliFailure.FAILED, "cannot read " + file + ": " + e.getMessage());
        }
        if (documents.isEmpty()) {
            throw new CliFailure(CliFailure.FAILED, file + " declares nothing");
        }
        return documents;
    }
}
