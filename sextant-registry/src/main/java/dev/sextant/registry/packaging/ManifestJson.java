package dev.sextant.registry.packaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.SextantException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sextant-manifest.json}: <pre>{@code
 * {
 *   "format" : 1,
 *   "digest" : "sha256:…",
 *   "files" : [ { "path" : "MLmodel", "sha256" : "…", "size" : 412 }, … ]
 * }}</pre>
 * Files in path order; the digest is recomputed on read and must match.
 */
public final class ManifestJson {
    static final int FORMAT = 1;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ManifestJson() {
    }

    public static byte[] write(DigestManifest manifest) {
        ObjectNode root = NODES.objectNode();
        root.put("format", FORMAT);
        root.put("digest", manifest.digest());
        ArrayNode files = root.putArray("files");
        for (ModelFile file : manifest.entries()) {
            files.addObject().put("path", file.path()).put("sha256", file.sha256()).put("size", file.size());
        }
        try {
            String json = SignatureJson.JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
            return (json + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    public static DigestManifest read(byte[] json) {
        JsonNode root;
        try {
            root = SignatureJson.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw SextantException.invalid(DigestManifest.FILE_NAME + " is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.path("files").isArray()) {
            throw SextantException.invalid(DigestManifest.FILE_NAME + " must be an object with a 'files' list.");
        }
        if (root.path("format").asInt(0) != FORMAT) {
            throw SextantException.invalid(DigestManifest.FILE_NAME + " has format " + root.path("format")
                    + "; this version of Sextant reads format " + FORMAT + ".");
        }
        List<ModelFile> files = new ArrayList<>();
        for (JsonNode file : root.path("files")) {
            files.add(new ModelFile(file.path("path").asText(""), file.path("sha256").asText(""),
                    file.path("size").asLong(-1)));
        }
        DigestManifest manifest = DigestManifest.of(files);
        String declared = root.path("digest").asText("");
        if (!declared.isEmpty() && !declared.equals(manifest.digest())) {
            throw SextantException.invalid(DigestManifest.FILE_NAME + " declares digest " + declared
                    + " but its entries give " + manifest.digest() + ".");
        }
        return manifest;
    }
}
