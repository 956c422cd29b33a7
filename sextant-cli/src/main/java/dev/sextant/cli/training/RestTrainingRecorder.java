package dev.sextant.cli.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.cli.CliFailure;
import dev.sextant.cli.tracking.MlflowHttpClient;
import dev.sextant.registry.packaging.PackageFiles;
import dev.sextant.tracking.Dataset;
import dev.sextant.tracking.Tag;
import dev.sextant.training.recording.TrainingRecorder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records training runs on a tracking server through MLflow's REST API: runs, log-batch,
 * log-inputs, the artifact proxy and the model registry endpoints. Works against Sextant and
 * against an MLflow server that proxies artifacts.
 */
final class RestTrainingRecorder implements TrainingRecorder {
    private static final String PROXY_SCHEME = "mlflow-artifacts:";

    private final MlflowHttpClient client;
    private final Map<String, String> artifactRoots = new HashMap<>();

    RestTrainingRecorder(MlflowHttpClient client) {
        this.client = client;
    }

    @Override
    public String experiment(String name) {
        return client.getOrEmptyOn("experiments/get-by-name", Map.of("experiment_name", List.of(name)),
                        "RESOURCE_DOES_NOT_EXIST")
                .map(found -> found.at("/experiment/experiment_id").asText())
                .orElseGet(() -> client.post("experiments/create", object().put("name", name))
                        .path("experiment_id").asText());
    }

    @Override
    public String createRun(String experimentId, String runName, long startTime, List<Tag> tags) {
        ObjectNode body = object().put("experiment_id", experimentId).put("run_name", runName)
                .put("start_time", startTime);
        addTags(body.putArray("tags"), tags);
        JsonNode info = client.post("runs/create", body).at("/run/info");
        String runId = info.path("run_id").asText();
        artifactRoots.put(runId, info.path("artifact_uri").asText());
        return runId;
    }

    @Override
    public void log(String runId, Map<String, String> params, Map<String, Double> metrics, List<Tag> tags,
                    long timestamp) {
        ObjectNode body = object().put("run_id", runId);
        ArrayNode paramArray = body.putArray("params");
        params.forEach((key, value) -> paramArray.addObject().put("key", key).put("value", value));
        ArrayNode metricArray = body.putArray("metrics");
        metrics.forEach((key, value) -> metricArray.addObject().put("key", key).put("value", value)
                .put("timestamp", timestamp).put("step", 0));
        addTags(body.putArray("tags"), tags);
        client.post("runs/log-batch", body);
    }

    @Override
    public void logTrainingData(String runId, Dataset dataset) {
        ObjectNode body = object().put("run_id", runId);
        ObjectNode input = body.putArray("datasets").addObject();
        input.putArray("tags").addObject().put("key", "mlflow.data.context").put("value", "training");
        input.putObject("dataset").put("name", dataset.name()).put("digest", dataset.digest())
                .put("source_type", dataset.sourceType()).put("source", dataset.source())
                .put("schema", dataset.schema()).put("profile", dataset.profile());
        client.post("runs/log-inputs", body);
    }

    @Override
    public void uploadModel(String runId, PackageFiles files) {
        String root = proxiedRoot(runId);
        for (String path : files.paths()) {
            client.putArtifact(root + "/model/" + path, files.content(path));
        }
    }

    @Override
    public void finish(String runId, boolean succeeded, long endTime) {
        client.post("runs/update", object().put("run_id", runId).put("status", succeeded ? "FINISHED" : "FAILED")
                .put("end_time", endTime));
    }

    @Override
    public String register(String modelName, String runId) {
        client.postOrEmptyOn("registered-models/create", object().put("name", modelName), "RESOURCE_ALREADY_EXISTS");
        JsonNode version = client.post("model-versions/create", object().put("name", modelName)
                .put("source", "runs:/" + runId + "/model").put("run_id", runId));
        return version.at("/model_version/version").asText();
    }

    /** {@code mlflow-artifacts:/1/abc/artifacts} → {@code 1/abc/artifacts}, the proxy path of the run's root. */
    private String proxiedRoot(String runId) {
        String uri = artifactRoots.getOrDefault(runId, "");
        if (!uri.startsWith(PROXY_SCHEME)) {
            throw new CliFailure(CliFailure.FAILED, "the server stores this run's artifacts at '" + uri
                    + "', not behind its artifact proxy, so the model cannot be uploaded; use a server that "
                    + "proxies artifacts (Sextant does; MLflow with --serve-artifacts)");
        }
        String path = uri.substring(PROXY_SCHEME.length());
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        return path;
    }

    private static void addTags(ArrayNode array, List<Tag> tags) {
        tags.forEach(tag -> array.addObject().put("key", tag.key()).put("value", tag.value()));
    }

    private static ObjectNode object() {
        return MlflowHttpClient.JSON.createObjectNode();
    }
}
