package dev.sextant.server.training;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.data.read.TableReader;
import dev.sextant.registry.RegistryService;
import dev.sextant.server.artifacts.ArtifactPaths;
import dev.sextant.server.http.ApiStyle;
import dev.sextant.server.http.Fields;
import dev.sextant.server.http.Json;
import dev.sextant.server.http.JsonResponses;
import dev.sextant.server.http.RequestBodies;
import dev.sextant.server.security.OnBehalf;
import dev.sextant.tracking.Experiment;
import dev.sextant.tracking.LifecycleStage;
import dev.sextant.tracking.TrackingService;
import dev.sextant.training.TabularTrainer;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.List;

/**
 * {@code /api/v1/training-runs}: training as jobs. A request is checked as far as it can be
 * without training (fields, experiment, model name, the data file and its header) and then
 * answered with 202 and the queued job; the job's resource says how far it got and, at the end,
 * the run, metrics, column report and model version, or the error.
 */
final class TrainingResource {
    static final String PATH = "/api/v1/training-runs";
    /** A guess at when a slot frees up: training with the default settings takes seconds to minutes. */
    private static final String RETRY_AFTER_SECONDS = "30";

    private final TrainingJobs jobs;
    private final TrainingJobs.Work work;
    private final DataSources sources;
    private final TrackingService tracking;
    private final RegistryService registry;
    private final long maxBodyBytes;
    private final TableReader reader = new TableReader();
    private final TabularTrainer trainer = new TabularTrainer();

    TrainingResource(TrainingJobs jobs, TrainingJobs.Work work, DataSources sources, TrackingService tracking,
                     RegistryService registry, long maxBodyBytes) {
        this.jobs = jobs;
        this.work = work;
        this.sources = sources;
        this.tracking = tracking;
        this.registry = registry;
        this.maxBodyBytes = maxBodyBytes;
    }

    void submit(ServerRequest req, ServerResponse res) {
        RequestBodies.requireJsonContentType(req, ApiStyle.PROBLEM);
        byte[] bytes = RequestBodies.read(req, maxBodyBytes, RequestBodies::tooLarge);
        Fields body = RequestBodies.parse(bytes);
        TrainingRequest request = TrainingRequest.parse(tree(bytes), body);
        checkExperiment(request.experiment());
        TrackingService.checkRunTags(request.tags());
        checkModelName(request.register());
        StagedData data = sources.stage(request.data());
        TrainingJob job;
        try {
            trainer.preflight(reader.header(data.file()), request.options());
            job = jobs.submit(request, data, OnBehalf.ofCurrentRequest(), work);
        } catch (RuntimeException e) {
            data.discard();
            if (e instanceof SextantException refused && refused.code() == ErrorCode.REQUEST_LIMIT_EXCEEDED) {
                res.header(HeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
            }
            throw e;
        }
        res.header(HeaderNames.LOCATION, PATH + "/" + job.id());
        JobView view = job.view();
        JsonResponses.send(res, Status.ACCEPTED_202, HeaderValues.CONTENT_TYPE_JSON, Json.NATIVE,
                json -> TrainingWire.job(json, view));
    }

    void get(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().first("id").orElse("");
        JobView view = jobs.get(id).orElseThrow(() -> SextantException.notFound("No training run with id '" + id
                + "'. This server keeps the last " + jobs.limits().keptFinished() + " finished jobs while it runs; "
                + "the MLflow run a job recorded stays in the tracking store.")).view();
        JsonResponses.send(res, Json.NATIVE, json -> TrainingWire.job(json, view));
    }

    /** {@code {"training_runs": [...]}}, newest first. */
    void list(ServerRequest req, ServerResponse res) {
        List<JobView> all = jobs.list();
        JsonResponses.send(res, Json.NATIVE, json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("training_runs");
            for (JobView view : all) {
                TrainingWire.job(json, view);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** An existing experiment must be active and keep its artifacts here; a missing one is created later. */
    private void checkExperiment(String name) {
        Experiment experiment;
        try {
            experiment = tracking.getExperimentByName(name);
        } catch (SextantException e) {
            if (e.code() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
                TrackingService.checkExperimentName(name);
                return;
            }
            throw e;
        }
        if (experiment.lifecycleStage() == LifecycleStage.DELETED) {
            throw SextantException.invalid("Experiment '" + name + "' is deleted. Restore it (POST /api/v1/experiments/"
                    + experiment.experimentId() + "/restore) or name another 'experiment'.");
        }
        if (ArtifactPaths.proxiedRoot(experiment.artifactLocation()).isEmpty()) {
            throw SextantException.invalid("Experiment '" + name + "' keeps artifacts at "
                    + experiment.artifactLocation() + ", which this server does not store, so the trained model "
                    + "could not be saved. Name another 'experiment'.");
        }
    }

    private void checkModelName(String name) {
        if (name.isEmpty()) {
            return;
        }
        try {
            registry.getRegisteredModel(name);
        } catch (SextantException e) {
            if (e.code() == ErrorCode.INVALID_PARAMETER_VALUE) {
                throw SextantException.invalid("'register': " + e.getMessage());
            }
            if (e.code() != ErrorCode.RESOURCE_DOES_NOT_EXIST) {
                throw e;
            }
        }
    }

    /** The body as a tree, for its field names; {@link RequestBodies#parse} has already refused what is not an object. */
    private static JsonNode tree(byte[] bytes) {
        if (bytes.length == 0) {
            return Json.READER.createObjectNode();
        }
        try {
            JsonNode node = Json.READER.readTree(bytes);
            return node != null && node.isTextual() ? Json.READER.readTree(node.textValue()) : node;
        } catch (IOException e) {
            throw SextantException.invalid("Malformed JSON in request body: " + e.getMessage());
        }
    }
}
