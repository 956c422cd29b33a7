package dev.sextant.server.artifacts;

import static dev.sextant.api.security.ResourceKind.EXPERIMENT;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.api.artifact.ArtifactStore.ArtifactContent;
import dev.sextant.api.artifact.ArtifactStore.ArtifactEntry;
import dev.sextant.server.http.Json;
import dev.sextant.server.http.JsonResponses;
import dev.sextant.server.http.Routes;
import dev.sextant.server.security.Locator;
import dev.sextant.server.security.Policy;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * MLflow's proxied artifact service ({@code mlflow_artifacts.proto}): uploads and downloads are
 * streamed between the socket and the {@link ArtifactStore}, never held in memory whole.
 */
public final class ArtifactProxy {
    /** Where MLflow clients find the artifact service. */
    public static final List<String> PREFIXES = List.of("/api/2.0/mlflow-artifacts", "/ajax-api/2.0/mlflow-artifacts");
    private static final int COPY_BUFFER = 64 * 1024;
    /** Artifacts are kept under {@code <experiment id>/<run id>/artifacts/...}. */
    private static final Locator IN_PATH = Locator.firstSegment(Locator.path("path"));

    private final ArtifactStore store;

    public ArtifactProxy(ArtifactStore store) {
        this.store = store;
    }

    public Routes routes() {
        return new Routes()
                .get("/artifacts", Policy.read(EXPERIMENT, Locator.firstSegment(Locator.query("path"))), this::list)
                .get("/artifacts/{+path}", Policy.read(EXPERIMENT, IN_PATH), this::download)
                .put("/artifacts/{+path}", Policy.edit(EXPERIMENT, IN_PATH), this::upload)
                .delete("/artifacts/{+path}", Policy.manage(EXPERIMENT, IN_PATH), this::delete)
                .post("/mpu/create/{+path}", Policy.edit(EXPERIMENT, IN_PATH), ArtifactProxy::multipartUnsupported)
                .post("/mpu/complete/{+path}", Policy.edit(EXPERIMENT, IN_PATH), ArtifactProxy::multipartUnsupported)
                .post("/mpu/abort/{+path}", Policy.edit(EXPERIMENT, IN_PATH), ArtifactProxy::multipartUnsupported);
    }

    private void upload(ServerRequest req, ServerResponse res) {
        String path = filePath(req);
        try (InputStream in = req.content().hasEntity() ? req.content().inputStream() : InputStream.nullInputStream()) {
            store.put(path, in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the upload of " + path, e);
        }
        JsonResponses.empty(res);
    }

    private void download(ServerRequest req, ServerResponse res) {
        String path = filePath(req);
        ArtifactContent content = store.open(path)
                .orElseThrow(() -> SextantException.notFound("Artifact '" + path + "' does not exist."));
        try (InputStream in = content.stream()) {
            String name = ArtifactPaths.basename(path);
            res.header(HeaderNames.CONTENT_TYPE, ContentTypes.of(name));
            res.header(HeaderNames.CONTENT_DISPOSITION, Downloads.attachment(name));
            res.header(HeaderValues.X_CONTENT_TYPE_OPTIONS_NOSNIFF);
            res.contentLength(content.entry().size());
            try (OutputStream out = res.outputStream()) {
                byte[] buffer = new byte[COPY_BUFFER];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not send artifact " + path, e);
        }
    }

    private void list(ServerRequest req, ServerResponse res) {
        String directory = ArtifactPaths.clean(req.query().first("path").orElse(""));
        List<ArtifactEntry> entries = store.list(directory);
        JsonResponses.send(res, Json.MLFLOW, json -> {
            json.writeStartObject();
            if (!entries.isEmpty()) {
                json.writeArrayFieldStart("files");
                for (ArtifactEntry entry : entries) {
                    Downloads.fileInfo(json, ArtifactPaths.basename(entry.path()), entry);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        });
    }

    private void delete(ServerRequest req, ServerResponse res) {
        store.delete(filePath(req));
        JsonResponses.empty(res);
    }

    private static void multipartUnsupported(ServerRequest req, ServerResponse res) {
        throw new SextantException(ErrorCode.NOT_IMPLEMENTED, "Multipart uploads are not supported by this server. "
                + "Upload each file with a single PUT /api/2.0/mlflow-artifacts/artifacts/<path> (the body is streamed, "
                + "so large files work) and leave MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD unset.");
    }

    private static String filePath(ServerRequest req) {
        String path = ArtifactPaths.clean(req.path().pathParameters().first("path").orElse(""));
        if (path.isEmpty()) {
            throw SextantException.invalid("The artifact path is empty. Name a file, e.g. .../artifacts/1/run/model.onnx.");
        }
        return path;
    }
}
