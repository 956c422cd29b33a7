package dev.sextant.cli;

import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How verbs that talk to a server find it and authenticate. */
public final class ConnectionOptions {
    static final String DEFAULT_SERVER = "http://127.0.0.1:5000";

    @Option(names = "--server", paramLabel = "URL",
            description = "Sextant server URL (default: $SEXTANT_SERVER, else $MLFLOW_TRACKING_URI, else "
                    + DEFAULT_SERVER + ").")
    String server = "";

    @Option(names = "--token", paramLabel = "TOKEN", description = "API token (default: $SEXTANT_TOKEN).")
    String token = "";

    /** The server URL from the flag, then the environment, then the default. */
    public String serverUrl(Map<String, String> env) {
        return configuredServerUrl(env).orElse(DEFAULT_SERVER);
    }

    /**
     * The server URL from the flag or the environment; empty when none is given, for verbs that
     * must not fall back to the default (e.g. reading data from a server the user never named).
     */
    public Optional<String> configuredServerUrl(Map<String, String> env) {
        String url = firstNonBlank(server, env.getOrDefault("SEXTANT_SERVER", ""),
                httpOnly(env.getOrDefault("MLFLOW_TRACKING_URI", "")));
        if (url.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    public String token(Map<String, String> env) {
        return firstNonBlank(token, env.getOrDefault("SEXTANT_TOKEN", ""), "");
    }

    /** MLFLOW_TRACKING_URI may name a local path or databricks; only an HTTP URL is a server. */
    private static String httpOnly(String uri) {
        return uri.startsWith("http://") || uri.startsWith("https://") ? uri : "";
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (!value.isBlank()) {
                return value.trim();
            }
        }
        return "";
    }
}
