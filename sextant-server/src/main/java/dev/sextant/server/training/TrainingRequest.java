package dev.sextant.server.training;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.api.SextantException;
import dev.sextant.server.http.Fields;
import dev.sextant.tracking.Tag;
import dev.sextant.tracking.provenance.Provenance;
import dev.sextant.training.Algorithm;
import dev.sextant.training.Task;
import dev.sextant.training.TrainingOptions;
import dev.sextant.training.models.Hyperparameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A request to train, as {@code POST /api/v1/training-runs} takes it, checked field by field.
 * Unknown fields are refused: a misspelt hyperparameter would otherwise cost a whole training run
 * with the default.
 *
 * @param data an absolute path on the server or {@code runs:/<run id>/<path>} (see {@link DataSources})
 * @param register registered model name; empty to skip registration
 * @param sourceTags where the client's code came from, as MLflow's {@code mlflow.source.git.*} tags
 * @param tags the client's own run tags
 */
record TrainingRequest(String data, TrainingOptions options, String experiment, String register,
                       List<Tag> sourceTags, List<Tag> tags) {
    static final String DEFAULT_EXPERIMENT = "Default";
    /** Bounds that keep one request from occupying a training slot for hours. */
    static final int MAX_TREES = 1000;
    static final int MAX_DEPTH = 50;
    static final int MAX_EPOCHS = 10_000;

    private static final List<String> FIELDS = List.of("data", "target", "task", "algorithm", "experiment",
            "register", "seed", "holdout", "params", "source", "tags");
    private static final List<String> PARAMS = List.of("trees", "max_depth", "epochs", "learning_rate");
    private static final Map<String, String> SOURCE = sourceFields();

    TrainingRequest {
        sourceTags = List.copyOf(sourceTags);
        tags = List.copyOf(tags);
    }

    /** Reads a request body; {@code tree} is the same body as JSON, for the field names. */
    static TrainingRequest parse(JsonNode tree, Fields body) {
        refuseUnknown(tree, "", FIELDS);
        String data = body.requiredString("data").strip();
        String task = body.string("task");
        if (!task.isBlank()) {
            Task.parse(task);
        }
        String algorithm = body.string("algorithm");
        if (!algorithm.isBlank()) {
            Algorithm.parse(algorithm);
        }
        TrainingOptions options = new TrainingOptions(body.requiredString("target"), task, algorithm,
                body.int64("seed").orElse(TrainingOptions.DEFAULT_SEED),
                body.float64("holdout").orElse(TrainingOptions.DEFAULT_HOLDOUT), hyperparameters(tree, body));
        String experiment = body.has("experiment") ? body.requiredString("experiment") : DEFAULT_EXPERIMENT;
        return new TrainingRequest(data, options, experiment, body.string("register").strip(), sourceTags(tree, body),
                body.stringMap("tags").entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList());
    }

    private static Hyperparameters hyperparameters(JsonNode tree, Fields body) {
        Hyperparameters defaults = Hyperparameters.DEFAULTS;
        if (!body.has("params")) {
            return defaults;
        }
        refuseUnknown(tree.path("params"), "params.", PARAMS);
        Fields params = body.object("params").orElseThrow();
        return new Hyperparameters(
                bounded(params.int64("trees"), defaults.trees(), MAX_TREES, "params.trees"),
                bounded(params.int64("max_depth"), defaults.maxDepth(), MAX_DEPTH, "params.max_depth"),
                bounded(params.int64("epochs"), defaults.epochs(), MAX_EPOCHS, "params.epochs"),
                params.float64("learning_rate").orElse(defaults.learningRate()));
    }

    private static int bounded(OptionalLong value, int fallback, int max, String name) {
        long chosen = value.orElse(fallback);
        if (chosen < 1 || chosen > max) {
            throw SextantException.invalid("'" + name + "' is " + chosen + "; use a whole number from 1 to " + max
                    + ".");
        }
        return (int) chosen;
    }

    private static List<Tag> sourceTags(JsonNode tree, Fields body) {
        if (!body.has("source")) {
            return List.of();
        }
        refuseUnknown(tree.path("source"), "source.", List.copyOf(SOURCE.keySet()));
        Fields source = body.object("source").orElseThrow();
        List<Tag> tags = new ArrayList<>();
        SOURCE.forEach((field, tag) -> {
            String value = source.string(field).strip();
            if (!value.isEmpty()) {
                tags.add(new Tag(tag, field.equals("git_repo_url") ? Provenance.withoutCredentials(value) : value));
            }
        });
        return tags;
    }

    private static void refuseUnknown(JsonNode object, String prefix, List<String> known) {
        if (!object.isObject()) {
            return; // the typed readers report a wrong type with the field's name
        }
        object.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw SextantException.invalid("Unknown field '" + prefix + name + "'. "
                        + (prefix.isEmpty() ? "A training request" : "'" + prefix.substring(0, prefix.length() - 1)
                        + "'") + " takes: " + String.join(", ", known) + ".");
            }
        });
    }

    private static Map<String, String> sourceFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("git_commit", Provenance.GIT_COMMIT);
        fields.put("git_branch", Provenance.GIT_BRANCH);
        fields.put("git_repo_url", Provenance.GIT_REPO_URL);
        return fields;
    }
}
