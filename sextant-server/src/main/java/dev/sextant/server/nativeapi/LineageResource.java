package dev.sextant.server.nativeapi;

import dev.sextant.api.SextantException;
import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.RegistryService;
import dev.sextant.registry.lineage.LineageGraph;
import dev.sextant.registry.lineage.LineageService;
import dev.sextant.server.http.Json;
import dev.sextant.server.http.JsonResponses;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /api/v1/lineage} (upstream of a model URI, downstream of a dataset digest) and model URI resolution. */
final class LineageResource {
    private final LineageService lineage;
    private final RegistryService registry;

    LineageResource(LineageService lineage, RegistryService registry) {
        this.lineage = lineage;
        this.registry = registry;
    }

    void upstream(ServerRequest req, ServerResponse res) {
        send(res, lineage.upstream(required(req, "model_uri")));
    }

    void downstream(ServerRequest req, ServerResponse res) {
        send(res, lineage.downstream(required(req, "dataset_digest")));
    }

    /** {@code GET /api/v1/model-uris?uri=models:/churn@champion}: the version the URI names now. */
    void resolve(ServerRequest req, ServerResponse res) {
        String uri = required(req, "uri");
        ModelVersion version = registry.resolve(uri);
        JsonResponses.send(res, Json.NATIVE, json -> {
            json.writeStartObject();
            json.writeStringField("uri", uri);
            json.writeFieldName("model_version");
            ModelWire.version(json, version);
            json.writeEndObject();
        });
    }

    private static String required(ServerRequest req, String name) {
        String value = NativeRequests.query(req).string(name);
        if (value.isBlank()) {
            throw SextantException.missingParameter(name);
        }
        return value;
    }

    private static void send(ServerResponse res, LineageGraph graph) {
        JsonResponses.send(res, Json.NATIVE, json -> ModelWire.lineage(json, graph));
    }
}
