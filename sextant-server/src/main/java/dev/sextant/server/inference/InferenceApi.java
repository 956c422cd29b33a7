package dev.sextant.server.inference;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.api.SextantException;
import dev.sextant.serving.deployment.DeploymentService;
import dev.sextant.serving.endpoint.InferenceCall;
import dev.sextant.serving.endpoint.InferenceResult;
import dev.sextant.serving.endpoint.ModelMetadata;
import dev.sextant.serving.endpoint.ServingPlane;
import dev.sextant.serving.oip.OipRequestReader;
import dev.sextant.serving.oip.OipResponseBytes;
import dev.sextant.serving.oip.OipTensors;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.TensorMetadata;
import dev.sextant.serving.scoring.MlflowScoring;
import dev.sextant.server.http.Json;
import dev.sextant.server.http.JsonResponses;
import dev.sextant.server.http.RequestBodies;
import dev.sextant.server.http.Routes;
import dev.sextant.server.observe.RequestIds;
import dev.sextant.server.security.BatchLimit;
import dev.sextant.server.security.Locator;
import dev.sextant.server.security.Policy;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The inference protocols: Open Inference Protocol v2 REST ({@code /v2/…}: health, server and
 * model metadata, model readiness, infer, each model route with and without
 * {@code /versions/{version}}) and MLflow's scoring protocol ({@code POST /invocations} for the
 * only deployment, {@code POST /deployments/{name}/invocations} for any). Every answer names the
 * model version that produced it, in the body and in {@value #MODEL_VERSION_HEADER}.
 */
public final class InferenceApi {
    public static final String MODEL_VERSION_HEADER = "X-Model-Version";
    static final HeaderName MODEL_VERSION = HeaderNames.create(MODEL_VERSION_HEADER);
    private static final String PLATFORM = "onnx_onnxv1";

    private final ServingPlane plane;
    private final DeploymentService deployments;
    private final BooleanSupplier serverReady;
    private final BatchLimit batchLimit;
    private final String serverVersion;
    private final long maxBodyBytes;

    private InferenceApi(ServingPlane plane, DeploymentService deployments, BooleanSupplier serverReady,
                         BatchLimit batchLimit, String serverVersion, long maxBodyBytes) {
        this.plane = plane;
        this.deployments = deployments;
        this.serverReady = serverReady;
        this.batchLimit = batchLimit;
        this.serverVersion = serverVersion;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** {@code batchLimit} caps the rows of one inference request (413 beyond it). */
    public static Routes routes(ServingPlane plane, DeploymentService deployments, BooleanSupplier serverReady,
                                BatchLimit batchLimit, String serverVersion, long maxBodyBytes) {
        InferenceApi api = new InferenceApi(plane, deployments, serverReady, batchLimit, serverVersion, maxBodyBytes);
        // A model's metadata and readiness belong to the protocol a predicting client speaks, so a
        // token that may predict on a deployment may also read them.
        Policy predict = Policy.predict(Locator.path("name"));
        // Routes are tried in order, so the prediction routes, which take nearly all the traffic,
        // come first (templates are matched segment by segment, see Routes).
        return new Routes()
                .post("/v2/models/{name}/infer", predict, api::infer)
                .post("/deployments/{name}/invocations", predict, api::invocations)
                .post("/invocations", Policy.predict(api.onlyDeploymentLocator()), api::invocations)
                .post("/v2/models/{name}/versions/{version}/infer", predict, api::infer)
                .get("/v2/health/live", Policy.open(), api::live)
                .get("/v2/health/ready", Policy.open(), api::ready)
                .get("/v2", Policy.authenticated(), api::serverMetadata)
                .get("/v2/models/{name}/versions/{version}/ready", predict, api::modelReady)
                .get("/v2/models/{name}/versions/{version}", predict, api::modelMetadata)
                .get("/v2/models/{name}/ready", predict, api::modelReady)
                .get("/v2/models/{name}", predict, api::modelMetadata);
    }

    /** {@code /invocations} predicts on the only deployment served; with several it names none. */
    private Locator onlyDeploymentLocator() {
        return (req, resources, max) -> {
            List<String> names = plane.names();
            return names.size() == 1 ? Optional.of(names.get(0)) : Optional.empty();
        };
    }

    // ---- health and metadata

    private void live(ServerRequest req, ServerResponse res) {
        JsonResponses.send(res, Json.NATIVE, json -> {
            json.writeStartObject();
            json.writeBooleanField("live", true);
            json.writeEndObject();
        });
    }

    /** Ready once the server is up and every stored deployment is loaded; 400 otherwise, as the protocol says. */
    private void ready(ServerRequest req, ServerResponse res) {
        boolean ready = serverReady.getAsBoolean()
                && deployments.list().stream().allMatch(d -> plane.isServing(d.name()));
        JsonResponses.send(res, ready ? Status.OK_200 : Status.BAD_REQUEST_400, HeaderValues.CONTENT_TYPE_JSON,
                Json.NATIVE, json -> {
                    json.writeStartObject();
                    json.writeBooleanField("ready", ready);
                    json.writeEndObject();
                });
    }

    private void serverMetadata(ServerRequest req, ServerResponse res) {
        JsonResponses.send(res, Json.NATIVE, json -> {
            json.writeStartObject();
            json.writeStringField("name", "sextant");
            json.writeStringField("version", serverVersion);
            json.writeArrayFieldStart("extensions");
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private void modelMetadata(ServerRequest req, ServerResponse res) {
        ModelMetadata metadata = plane.metadata(param(req, "name"), version(req));
        res.header(MODEL_VERSION, metadata.version().uri());
        JsonResponses.send(res, Json.NATIVE, json -> {
            json.writeStartObject();
            json.writeStringField("name", metadata.name());
            json.writeArrayFieldStart("versions");
            for (String version : metadata.versions()) {
                json.writeString(version);
            }
            json.writeEndArray();
            json.writeStringField("platform", PLATFORM);
            tensors(json, "inputs", metadata.inputs());
            tensors(json, "outputs", metadata.outputs());
            json.writeObjectFieldStart("properties");
            json.writeStringField("model_version", Long.toString(metadata.version().version()));
            json.writeStringField("model_uri", metadata.version().uri());
            json.writeStringField("package_digest", metadata.version().packageDigest());
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /** 200 when served; an unknown deployment or version is 404. */
    private void modelReady(ServerRequest req, ServerResponse res) {
        String name = param(req, "name");
        ModelMetadata metadata = plane.metadata(name, version(req));
        res.header(MODEL_VERSION, metadata.version().uri());
        JsonResponses.send(res, Json.NATIVE, json -> {
            json.writeStartObject();
            json.writeStringField("name", name);
            json.writeBooleanField("ready", true);
            json.writeEndObject();
        });
    }

    // ---- inference

    private void infer(ServerRequest req, ServerResponse res) {
        String name = param(req, "name");
        Optional<Long> version = version(req);
        OipRequestReader.Request request = decode(RequestBodies.read(req, maxBodyBytes, RequestBodies::tooLarge));
        String requestId = RequestIds.current();
        String id = request.id().orElse(requestId);
        InferenceResult result = plane.infer(new InferenceCall(name, version, request.inputs(), requestId, "oip",
                header -> req.headers().first(HeaderNames.create(header))));
        res.header(MODEL_VERSION, result.version().uri());
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(OipResponseBytes.inferResponse(name, result.version().version(), id, result.version().uri(),
                result.slot(), requestId, result.outputs()));
    }

    /**
     * The request read straight into tensors when it is plainly well-formed; otherwise through the
     * tree, which refuses an oversized batch (413) before decoding and explains a bad request.
     */
    private OipRequestReader.Request decode(byte[] bytes) {
        if (bytes.length > 0) {
            try (JsonParser parser = Json.parser(bytes)) {
                Optional<OipRequestReader.Request> plain = OipRequestReader.read(parser, batchLimit.maxRows());
                if (plain.isPresent()) {
                    return plain.get();
                }
            } catch (IOException e) {
                // closing a parser over a byte array does not fail; the careful path reads it again anyway
            }
        }
        JsonNode body = parse(bytes);
        long rows = RequestRows.oip(body);
        batchLimit.check(rows);
        InferenceInputs inputs = OipTensors.decodeRequest(body);
        JsonNode idNode = body.get("id");
        return new OipRequestReader.Request(inputs, idNode != null && idNode.isTextual()
                ? Optional.of(idNode.textValue()) : Optional.empty(), rows);
    }

    private void invocations(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().first("name").orElseGet(this::onlyDeployment);
        JsonNode body = parse(RequestBodies.read(req, maxBodyBytes, RequestBodies::tooLarge));
        batchLimit.check(RequestRows.scoring(body));
        List<TensorMetadata> modelInputs = plane.inputs(name);
        InferenceInputs inputs = MlflowScoring.decode(body, modelInputs);
        String requestId = RequestIds.current();
        InferenceResult result = plane.infer(new InferenceCall(name, Optional.empty(), inputs, requestId, "mlflow",
                header -> req.headers().first(HeaderNames.create(header))));
        res.header(MODEL_VERSION, result.version().uri());
        JsonResponses.send(res, Json.NATIVE, json -> {
            json.writeStartObject();
            json.writeFieldName("predictions");
            MlflowScoring.writePredictions(json, result.outputs());
            json.writeStringField("model_name", name);
            json.writeStringField("model_version", Long.toString(result.version().version()));
            json.writeStringField("model_uri", result.version().uri());
            json.writeStringField("request_id", requestId);
            json.writeEndObject();
        });
    }

    private String onlyDeployment() {
        List<String> names = plane.names();
        if (names.size() == 1) {
            return names.get(0);
        }
        if (names.isEmpty()) {
            throw SextantException.notFound("No deployment is being served; create one with "
                    + "'sextant deployments create NAME --model models:/<model>/<version>'.");
        }
        throw SextantException.invalid("/invocations answers for the only deployment, but there are " + names.size()
                + " " + names.stream().sorted().toList() + "; call /deployments/<name>/invocations.");
    }

    private static void tensors(JsonGenerator json, String field, List<TensorMetadata> tensors) throws IOException {
        json.writeArrayFieldStart(field);
        for (TensorMetadata tensor : tensors) {
            json.writeStartObject();
            json.writeStringField("name", tensor.name());
            json.writeStringField("datatype", tensor.datatype().name());
            json.writeArrayFieldStart("shape");
            for (long dim : tensor.shape()) {
                json.writeNumber(dim);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw SextantException.invalid("The request has no body; send a JSON inference request.");
        }
        try {
            return Json.READER.readTree(body);
        } catch (JacksonException e) {
            throw RequestBodies.malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String param(ServerRequest req, String name) {
        return req.path().pathParameters().first(name).orElseThrow(() -> SextantException.missingParameter(name));
    }

    /** The {version} path segment: a registered version number; anything else names no version served. */
    private static Optional<Long> version(ServerRequest req) {
        Optional<String> text = req.path().pathParameters().first("version").asOptional();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text.get()));
        } catch (NumberFormatException e) {
            throw SextantException.notFound("Model version '" + text.get() + "' is not served: versions are the "
                    + "registered version numbers, e.g. /v2/models/" + param(req, "name") + "/versions/1.");
        }
    }
}
