package dev.sextant.serving.deployment;

/**
 * A model version a deployment serves, as resolved from the URI the spec gave.
 *
 * @param requestedUri the URI as written in the spec, e.g. {@code models:/iris@champion}
 * @param packageDigest the digest of the package the version was registered with
 */
public record ServedVersion(String modelName, long version, String requestedUri, String packageDigest) {

    /** {@code models:/name/version}: exactly this version. */
    public String uri() {
        return "models:/" + modelName + "/" + version;
    }
}
