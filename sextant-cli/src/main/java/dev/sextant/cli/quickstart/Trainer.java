package dev.sextant.cli.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * Trains on the server through {@code POST /api/v1/training-runs} and follows the job until it
 * ends, as a client of a remote server would.
 */
final class Trainer {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration LIMIT = Duration.ofMinutes(5);

    private final Api api;

    /** What a training job ended with. */
    record Trained(long version, String runId, String experimentId, double accuracy, Duration took) {
    }

    /** A learner and its settings, e.g. a random forest of 3 trees of depth 2. */
    record Recipe(String label, String algorithm, JsonNode params) {
        static Recipe forest(String label, int trees, int maxDepth) {
            return new Recipe(label, "random-forest", Api.JSON.createObjectNode().put("trees", trees)
                    .put("max_depth", maxDepth));
        }

        static Recipe logistic(String label, int epochs) {
            return new Recipe(label, "logistic-regression", Api.JSON.createObjectNode().put("epochs", epochs));
        }

        /** e.g. {@code random forest (3 trees, depth 2)}. */
        String describe() {
            return algorithm.equals("random-forest")
                    ? "random forest (" + params.path("trees").asInt() + " trees, depth " + params.path("max_depth").asInt()
                    + ")"
                    : "logistic regression (" + params.path("epochs").asInt() + " epochs)";
        }
    }

    Trainer(Api api) {
        this.api = api;
    }

    /** Trains {@code recipe} on {@code dataFile} (a path the server reads), registering a version of {@code model}. */
    Trained train(Person who, Recipe recipe, String dataFile, String experiment, String model) {
        ObjectNode request = Api.JSON.createObjectNode().put("data", dataFile).put("target", WeatherData.TARGET)
                .put("algorithm", recipe.algorithm()).put("experiment", experiment).put("register", model)
                .put("seed", 42);
        request.set("params", recipe.params());
        request.putObject("tags").put("quickstart.role", recipe.label());
        long started = System.nanoTime();
        JsonNode job = api.post(who, "/api/v1/training-runs", request);
        String path = "/api/v1/training-runs/" + job.path("id").asText();
        while (!finished(job)) {
            if (System.nanoTime() - started > LIMIT.toNanos()) {
                throw new LoopFailure("training " + recipe.describe() + " did not finish within " + LIMIT.toMinutes()
                        + " minutes (" + api.url(path) + ")");
            }
            sleep(POLL);
            job = api.get(who, path);
        }
        if (!job.path("state").asText().equals("succeeded")) {
            throw new LoopFailure("training " + recipe.describe() + " ended " + job.path("state").asText() + ": "
                    + job.path("error").path("message").asText(job.path("error").toString()));
        }
        return new Trained(job.at("/model_version/version").asLong(), job.path("run_id").asText(),
                job.path("experiment_id").asText(), job.at("/metrics/accuracy").asDouble(Double.NaN),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static boolean finished(JsonNode job) {
        String state = job.path("state").asText();
        return state.equals("succeeded") || state.equals("failed");
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoopFailure("interrupted", e);
        }
    }
}
