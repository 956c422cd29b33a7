package dev.sextant.cli.serving;

import dev.sextant.cli.nativeapi.NativeClient;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.cli.CliFailure;
import dev.sextant.registry.packaging.DigestManifest;
import dev.sextant.registry.packaging.ModelFile;
import dev.sextant.registry.packaging.PackageSource;
import dev.sextant.serving.runtime.LoadedModel;
import dev.sextant.serving.runtime.ModelRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fetches a registered version's package from the server's artifact proxy into a local folder and
 * loads it, every file checked against the digests the registry recorded.
 */
final class ModelDownload {
    private static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts/";

    private ModelDownload() {
    }

    /** The resolved version (as the native API describes it) and the loaded model. */
    record Fetched(JsonNode version, LoadedModel model) {
    }

    static Fetched fetch(NativeClient client, String modelUri, Path into, ModelRuntime runtime) {
        JsonNode version = client.get("/model-uris", Map.of("uri", modelUri))
                .path("model_version");
        String location = version.path("storage_location").asText();
        String root = location.replaceFirst("^mlflow-artifacts:(//[^/]*)?/*", "");
        if (root.equals(location)) {
            throw new CliFailure(CliFailure.FAILED, modelUri + " is stored at " + location
                    + ", which the server's artifact proxy does not serve");
        }
        List<ModelFile> files = new ArrayList<>();
        try {
            for (JsonNode file : version.path("files")) {
                String path = file.path("path").asText();
                files.add(new ModelFile(path, file.path("sha256").asText(), file.path("size").asLong()));
                Path target = into.resolve(path).normalize();
                if (!target.startsWith(into)) {
                    throw new CliFailure(CliFailure.FAILED, "model file path '" + path + "' leaves the package");
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = client.download(ARTIFACTS + root + "/" + path)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Downloading " + modelUri + " failed", e);
        }
        LoadedModel model = runtime.load(PackageSource.directory(into), DigestManifest.of(files));
        return new Fetched(version, model);
    }
}
