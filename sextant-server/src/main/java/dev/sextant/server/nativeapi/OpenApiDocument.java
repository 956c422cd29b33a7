package dev.sextant.server.nativeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The OpenAPI 3.1 document of the native API, kept as resources next to the code they describe:
 * {@code openapi.json} and one fragment per feature, whose {@code paths} and
 * {@code components.schemas} are merged into it when it is loaded.
 */
final class OpenApiDocument {
    static final String RESOURCE = "openapi.json";
    static final List<String> FRAGMENTS = List.of("openapi-registry.json", "openapi-training.json",
            "openapi-serving.json", "openapi-inference.json", "openapi-release.json",
            "openapi-datasets.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiDocument() {
    }

    static byte[] load() {
        try {
            ObjectNode document = (ObjectNode) JSON.readTree(read(RESOURCE));
            for (String fragment : FRAGMENTS) {
                JsonNode part = JSON.readTree(read(fragment));
                ((ObjectNode) document.get("paths")).setAll((ObjectNode) part.get("paths"));
                ((ObjectNode) document.get("components").get("schemas")).setAll((ObjectNode) part.at("/components/schemas"));
            }
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The OpenAPI document part " + resource + " is missing from the build");
            }
            return in.readAllBytes();
        }
    }
}
