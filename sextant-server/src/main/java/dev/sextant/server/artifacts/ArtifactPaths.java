package dev.sextant.server.artifacts;

import dev.sextant.api.SextantException;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Artifact paths as clients send them, checked before they reach a store: relative, no {@code ..},
 * no backslashes or NULs. Also maps {@code mlflow-artifacts:} run roots to store paths.
 */
public final class ArtifactPaths {
    private static final String SCHEME = "mlflow-artifacts:";
    private static final String HTTP_ANCHOR = "/api/2.0/mlflow-artifacts/artifacts/";

    private ArtifactPaths() {
    }

    /** The path normalised ("a//b/./c/" → "a/b/c"), or 400 when it tries to leave the artifact root. */
    public static String clean(String path) {
        if (path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0 || path.startsWith("/") || path.startsWith("~")
                || path.contains("%2e") || path.contains("%2E")) {
            throw unsafe(path);
        }
        StringJoiner joined = new StringJoiner("/");
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                throw unsafe(path);
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                joined.add(segment);
            }
        }
        return joined.toString();
    }

    public static String join(String directory, String name) {
        if (directory.isEmpty()) {
            return name;
        }
        return name.isEmpty() ? directory : directory + "/" + name;
    }

    public static String basename(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * The store path of a run's artifact root when this server serves it: {@code mlflow-artifacts:/1/abc/artifacts}
     * (with or without a host) and HTTP URLs into the artifact proxy map to {@code 1/abc/artifacts}.
     */
    public static Optional<String> proxiedRoot(String artifactUri) {
        if (artifactUri.startsWith(SCHEME)) {
            String rest = artifactUri.substring(SCHEME.length());
            if (rest.startsWith("//")) {
                int slash = rest.indexOf('/', 2);
                rest = slash < 0 ? "" : rest.substring(slash);
            }
            return Optional.of(clean(stripLeadingSlashes(rest)));
        }
        int anchor = artifactUri.indexOf(HTTP_ANCHOR);
        if ((artifactUri.startsWith("http://") || artifactUri.startsWith("https://")) && anchor >= 0) {
            return Optional.of(clean(artifactUri.substring(anchor + HTTP_ANCHOR.length())));
        }
        return Optional.empty();
    }

    private static String stripLeadingSlashes(String path) {
        int i = 0;
        while (i < path.length() && path.charAt(i) == '/') {
            i++;
        }
        return path.substring(i);
    }

    private static SextantException unsafe(String path) {
        return SextantException.invalid("Invalid path '" + path + "': artifact paths must be relative and must not "
                + "contain '..', backslashes or encoded dots. Use a path such as 'model/weights.onnx'.");
    }
}
