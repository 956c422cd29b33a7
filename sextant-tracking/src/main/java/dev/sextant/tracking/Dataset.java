package dev.sextant.tracking;

/**
 * A dataset a run consumed, identified by name and digest. Optional text fields are empty
 * strings when absent.
 */
public record Dataset(String name, String digest, String sourceType, String source, String schema, String profile) {
    /** The source type of a Sextant dataset version ({@code datasets:/…}), in MLflow's style. */
    public static final String DATASET_VERSION_SOURCE_TYPE = "sextant_dataset";

    /**
     * The digest Sextant records for bytes with this SHA-256: its first 32 characters, within
     * MLflow's limit for dataset digests (36). Lineage widens it again through the input's profile.
     */
    public static String shortDigest(String sha256) {
        return sha256.substring(0, 32);
    }
}
