package dev.sextant.registry;

import dev.sextant.api.SextantException;

/**
 * A name for a model, as MLflow spells them: {@code models:/name/3}, {@code models:/name@champion},
 * {@code models:/name/Production} (the latest version in that stage), {@code models:/name/latest}
 * (the highest version) and {@code runs:/<run id>/model} (a model logged by a run, registered or
 * not). {@link RegistryService#resolve} finds the version a registry URI points to.
 */
public sealed interface ModelUri {

    /** The URI in its canonical spelling. */
    String uri();

    record Version(String name, long version) implements ModelUri {
        @Override
        public String uri() {
            return "models:/" + name + "/" + version;
        }
    }

    record Alias(String name, String alias) implements ModelUri {
        @Override
        public String uri() {
            return "models:/" + name + "@" + alias;
        }
    }

    record LatestInStage(String name, Stage stage) implements ModelUri {
        @Override
        public String uri() {
            return "models:/" + name + "/" + stage.wireName();
        }
    }

    record Latest(String name) implements ModelUri {
        @Override
        public String uri() {
            return "models:/" + name + "/latest";
        }
    }

    /** A model logged by a run: {@code path} is relative to the run's artifact root ("" for the root). */
    record RunArtifact(String runId, String path) implements ModelUri {
        @Override
        public String uri() {
            return "runs:/" + runId + (path.isEmpty() ? "" : "/" + path);
        }
    }

    String FORMS = "Use models:/<name>/<version>, models:/<name>@<alias>, models:/<name>/<stage>, "
            + "models:/<name>/latest or runs:/<run id>/<path>.";

    /** Parses a model URI; anything else is a 400 that says which forms exist. */
    static ModelUri parse(String text) {
        if (text.startsWith("models:/")) {
            return models(text, text.substring("models:/".length()));
        }
        if (text.startsWith("runs:/")) {
            return run(text, text.substring("runs:/".length()));
        }
        throw invalid(text, "it is neither a models:/ nor a runs:/ URI");
    }

    private static ModelUri models(String text, String rest) {
        if (rest.startsWith("/")) {
            throw invalid(text, "models:// URIs with a registry host or profile are not supported");
        }
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String name = rest.substring(0, slash);
            String suffix = rest.substring(slash + 1);
            requireName(text, name);
            if (suffix.isEmpty() || suffix.contains("/")) {
                throw invalid(text, "after the model name comes exactly one version, stage or 'latest'");
            }
            return versionOrStage(text, name, suffix);
        }
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String name = rest.substring(0, at);
            String alias = rest.substring(at + 1);
            requireName(text, name);
            if (alias.isEmpty()) {
                throw invalid(text, "the alias after '@' is empty");
            }
            return new Alias(name, alias);
        }
        throw invalid(text, "it names no version; add one, e.g. models:/" + rest + "/1 or models:/" + rest
                + "@champion");
    }

    private static ModelUri versionOrStage(String text, String name, String suffix) {
        if (suffix.chars().allMatch(Character::isDigit)) {
            try {
                long version = Long.parseLong(suffix);
                if (version > 0) {
                    return new Version(name, version);
                }
            } catch (NumberFormatException e) {
                // too long for a version number: reported below
            }
            throw invalid(text, "'" + suffix + "' is not a valid version number");
        }
        if (suffix.equalsIgnoreCase("latest")) {
            return new Latest(name);
        }
        for (Stage stage : Stage.values()) {
            if (stage.wireName().equalsIgnoreCase(suffix)) {
                return new LatestInStage(name, stage);
            }
        }
        throw invalid(text, "'" + suffix + "' is not a version number, a stage (None, Staging, Production, Archived) "
                + "or 'latest'");
    }

    private static ModelUri run(String text, String rest) {
        int slash = rest.indexOf('/');
        String runId = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        if (runId.isEmpty()) {
            throw invalid(text, "the run id is missing");
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new RunArtifact(runId, path);
    }

    private static void requireName(String text, String name) {
        if (name.isBlank()) {
            throw invalid(text, "the model name is empty");
        }
    }

    private static SextantException invalid(String text, String why) {
        return SextantException.invalid("Invalid model URI '" + text + "': " + why + ". " + FORMS);
    }
}
