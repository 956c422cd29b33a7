package dev.sextant.release.policy;

/**
 * A policy as stored: its YAML and who set it when.
 *
 * @param model the registered model it governs; {@value #SERVER_DEFAULT} for the server's default
 */
public record StoredPolicy(String model, String text, long updatedAt, String updatedBy) {
    public static final String SERVER_DEFAULT = "";

    public boolean serverDefault() {
        return model.isEmpty();
    }
}
