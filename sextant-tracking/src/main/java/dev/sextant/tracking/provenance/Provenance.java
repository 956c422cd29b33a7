package dev.sextant.tracking.provenance;

import dev.sextant.tracking.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where a run came from, as MLflow's system tags ({@code mlflow.source.git.commit}, …) plus the
 * runtime environment ({@code sextant.env.*}). Captured by whoever starts the run: the CLI on the
 * user's machine, the server for runs it starts itself.
 */
public final class Provenance {
    public static final String GIT_COMMIT = "mlflow.source.git.commit";
    public static final String GIT_BRANCH = "mlflow.source.git.branch";
    public static final String GIT_REPO_URL = "mlflow.source.git.repoURL";
    public static final String GIT_DIRTY = "sextant.source.git.dirty";
    public static final String SOURCE_NAME = "mlflow.source.name";
    public static final String SOURCE_TYPE = "mlflow.source.type";
    public static final String USER = "mlflow.user";

    private Provenance() {
    }

    /** Git facts of {@code directory}'s repository; empty outside a repository or without git. */
    public static List<Tag> git(Path directory) {
        List<Tag> tags = new ArrayList<>();
        run(directory, "git", "rev-parse", "HEAD").ifPresent(commit -> tags.add(new Tag(GIT_COMMIT, commit)));
        if (tags.isEmpty()) {
            return tags;
        }
        run(directory, "git", "rev-parse", "--abbrev-ref", "HEAD").ifPresent(b -> tags.add(new Tag(GIT_BRANCH, b)));
        run(directory, "git", "config", "--get", "remote.origin.url")
                .ifPresent(url -> tags.add(new Tag(GIT_REPO_URL, withoutCredentials(url))));
        run(directory, "git", "status", "--porcelain", "--untracked-files=no")
                .ifPresent(changes -> tags.add(new Tag(GIT_DIRTY, String.valueOf(!changes.isEmpty()))));
        return tags;
    }

    /**
     * The runtime: JVM, OS, Sextant's version and the given libraries' versions (name → a class
     * from the library, whose jar manifest carries the version).
     */
    public static List<Tag> environment(Map<String, Class<?>> libraries) {
        List<Tag> tags = new ArrayList<>();
        tags.add(new Tag("sextant.env.java_version", System.getProperty("java.version", "")));
        tags.add(new Tag("sextant.env.java_vendor", System.getProperty("java.vendor", "")));
        tags.add(new Tag("sextant.env.os", System.getProperty("os.name", "") + " "
                + System.getProperty("os.version", "") + " (" + System.getProperty("os.arch", "") + ")"));
        tags.add(new Tag("sextant.version", version(Provenance.class)));
        List<String> versions = new ArrayList<>();
        libraries.forEach((name, type) -> versions.add(name + "=" + version(type)));
        if (!versions.isEmpty()) {
            tags.add(new Tag("sextant.env.libraries", String.join(", ", versions.stream().sorted().toList())));
        }
        return tags;
    }

    /** The user running this process, as MLflow's clients report it. */
    public static Tag user() {
        return new Tag(USER, System.getProperty("user.name", ""));
    }

    private static String version(Class<?> type) {
        return LibraryVersion.of(type);
    }

    /** Remote URLs may embed a token (https://user:token@host/…); never record it. */
    public static String withoutCredentials(String url) {
        return url.replaceFirst("^(https?://)[^@/]+@", "$1");
    }

    private static Optional<String> run(Path directory, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(output) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
