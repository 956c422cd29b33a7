package dev.sextant.registry.lineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.tracking.Dataset;
import java.util.Optional;

/**
 * How lineage names one dataset version, whether a run input or an evaluation recorded it.
 *
 * <p>The key is the SHA-256 of the data's bytes. Evaluations record it whole. Runs trained by
 * Sextant record a shortened digest on the wire ({@link Dataset#shortDigest}, within MLflow's limit)
 * and the whole SHA-256 in the input's profile ({@code "sha256"}); that profile value is the key when the recorded digest is its prefix. The
 * match is made through the profile rather than by prefix alone: a digest logged by another
 * MLflow client is free text, so only the full digest written next to it says which bytes it
 * names. Nor is the key the {@code datasets:/…} URI: the same bytes read from a local file, or
 * pushed under two names, are the same data, and evaluations and the downstream query already
 * speak in content digests. Inputs without a full digest keep their recorded digest as key.
 *
 * @param key        what the node id is made of: the full SHA-256 when known, else the recorded digest
 * @param name       the dataset's name (for a Sextant dataset version: its name without version)
 * @param sourceType MLflow's source type ({@value Dataset#DATASET_VERSION_SOURCE_TYPE} for a Sextant dataset version)
 * @param source     where the data is (for a Sextant dataset version: its {@code datasets:/…} URI)
 */
record DatasetIdentity(String key, String name, String sourceType, String source) {
    private static final String DATASET_SCHEME = "datasets:/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A run's input. */
    static DatasetIdentity of(Dataset input) {
        String key = fullDigest(input).orElse(input.digest());
        Optional<String> version = input.sourceType().equals(Dataset.DATASET_VERSION_SOURCE_TYPE)
                ? field(input.source(), "uri").filter(uri -> uri.startsWith(DATASET_SCHEME)) : Optional.empty();
        return version.map(uri -> new DatasetIdentity(key, datasetName(uri), Dataset.DATASET_VERSION_SOURCE_TYPE, uri))
                .orElseGet(() -> new DatasetIdentity(key, input.name(), input.sourceType(), input.source()));
    }

    /** A dataset version an evaluation ran on. */
    static DatasetIdentity of(EvaluationReferences.EvaluatedOn evaluated) {
        return new DatasetIdentity(evaluated.sha256(), evaluated.name(), Dataset.DATASET_VERSION_SOURCE_TYPE, evaluated.uri());
    }

    /** Whether {@code digest} is a whole SHA-256 (64 hex digits), so shorter digests may be its prefix. */
    static boolean isSha256(String digest) {
        return digest.matches("[0-9a-f]{64}");
    }

    String nodeId() {
        return "dataset:" + key;
    }

    /** The profile's SHA-256, when it is whole and the recorded digest is its prefix. */
    private static Optional<String> fullDigest(Dataset input) {
        return field(input.profile(), "sha256").filter(DatasetIdentity::isSha256)
                .filter(sha -> !input.digest().isEmpty() && sha.startsWith(input.digest()));
    }

    /** {@code datasets:/holdout/2} → {@code holdout}. */
    private static String datasetName(String uri) {
        String rest = uri.substring(DATASET_SCHEME.length());
        int slash = rest.lastIndexOf('/');
        return slash > 0 ? rest.substring(0, slash) : rest;
    }

    private static Optional<String> field(String json, String name) {
        if (json.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode value = JSON.readTree(json).path(name);
            return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
