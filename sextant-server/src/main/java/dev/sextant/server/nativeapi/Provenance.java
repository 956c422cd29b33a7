package dev.sextant.server.nativeapi;

import dev.sextant.server.http.Fields;
import dev.sextant.tracking.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a run came from, as tags: the code ({@code source} → MLflow's {@code mlflow.source.*}
 * system tags, which MLflow's UI shows) and the environment it ran in ({@code sextant.env.*}).
 * The client's own environment wins over the server's, which is only a fallback.
 */
final class Provenance {
    private static final Map<String, String> SOURCE_TAGS = Map.of(
            "git_commit", "mlflow.source.git.commit",
            "git_branch", "mlflow.source.git.branch",
            "git_repo_url", "mlflow.source.git.repoURL",
            "entry_point", "mlflow.source.name");

    private final String version;

    Provenance(String version) {
        this.version = version;
    }

    List<Tag> tags(Fields request) {
        List<Tag> tags = new ArrayList<>();
        request.object("source").ifPresent(source -> SOURCE_TAGS.forEach((field, tag) -> {
            String value = source.string(field);
            if (!value.isEmpty()) {
                tags.add(new Tag(tag, value));
            }
        }));
        Map<String, String> environment = request.flatMap("environment");
        if (environment.isEmpty()) {
            tags.add(new Tag("sextant.env.java_version", System.getProperty("java.version", "")));
            tags.add(new Tag("sextant.env.os", System.getProperty("os.name", "") + " "
                    + System.getProperty("os.version", "") + " (" + System.getProperty("os.arch", "") + ")"));
        } else {
            environment.forEach((key, value) -> tags.add(new Tag("sextant.env." + safeKey(key), value)));
        }
        tags.add(new Tag("sextant.version", version));
        return tags;
    }

    /** Tag names allow letters, digits, _ - . space and /; anything else from a client becomes '_'. */
    private static String safeKey(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            out.append(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' ? c : '_');
        }
        return out.toString();
    }
}
