package dev.sextant.registry;

import dev.sextant.api.SextantException;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Artifact URIs the server's own artifact store answers for ({@code mlflow-artifacts:/…}, with
 * or without a host, and HTTP URLs into the artifact proxy) mapped to store paths. Paths that
 * would leave the store are refused.
 */
final class ArtifactLocations {
    private static final String SCHEME = "mlflow-artifacts:";
    private static final String HTTP_ANCHOR = "/api/2.0/mlflow-artifacts/artifacts/";

    private ArtifactLocations() {
    }

    /** The store path of an artifact URI, when this server's store holds it. */
    static Optional<String> storePath(String artifactUri) {
        if (artifactUri.startsWith(SCHEME)) {
            String rest = artifactUri.substring(SCHEME.length());
            if (rest.startsWith("//")) {
                int slash = rest.indexOf('/', 2);
                rest = slash < 0 ? "" : rest.substring(slash);
            }
            return Optional.of(clean(rest, artifactUri));
        }
        int anchor = artifactUri.indexOf(HTTP_ANCHOR);
        if ((artifactUri.startsWith("http://") || artifactUri.startsWith("https://")) && anchor >= 0) {
            return Optional.of(clean(artifactUri.substring(anchor + HTTP_ANCHOR.length()), artifactUri));
        }
        return Optional.empty();
    }

    /** {@code "a//b/./c/"} → {@code "a/b/c"}; {@code ..}, backslashes and NULs are refused. */
    static String clean(String path, String shownAs) {
        if (path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0 || path.contains("%2e") || path.contains("%2E")) {
            throw unsafe(shownAs);
        }
        StringJoiner joined = new StringJoiner("/");
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                throw unsafe(shownAs);
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                joined.add(segment);
            }
        }
        return joined.toString();
    }

    static String join(String directory, String name) {
        if (directory.isEmpty()) {
            return name;
        }
        return name.isEmpty() ? directory : directory + "/" + name;
    }

    private static SextantException unsafe(String shownAs) {
        return SextantException.invalid("Invalid source '" + shownAs + "': the path must stay inside the artifact "
                + "store (no '..', backslashes or encoded dots).");
    }
}
