package dev.sextant.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Resolves {@code ${env:NAME}} and {@code ${file:/path}} values, so secrets can live outside the config. */
final class References {

    private References() {
    }

    static String resolve(ConfigKey key, String raw, String origin, Map<String, String> env) {
        String text = raw.trim();
        if (!text.startsWith("${") || !text.endsWith("}")) {
            return raw;
        }
        String reference = text.substring(2, text.length() - 1);
        if (reference.startsWith("env:")) {
            String name = reference.substring(4);
            String value = env.get(name);
            if (value == null) {
                throw new ConfigException(key.key(), "Configuration '" + key.key() + "' from " + origin
                        + " refers to environment variable " + name + ", which is not set. Set it or change the reference.");
            }
            return value;
        }
        if (reference.startsWith("file:")) {
            Path path = Path.of(reference.substring(5));
            try {
                return Files.readString(path).strip();
            } catch (IOException | SecurityException e) {
                throw new ConfigException(key.key(), "Configuration '" + key.key() + "' from " + origin
                        + " refers to file " + path + ", which cannot be read. Create it or fix the path.");
            }
        }
        throw new ConfigException(key.key(), "Configuration '" + key.key() + "' from " + origin
                + " has an unknown reference '" + text + "'. Use ${env:NAME} or ${file:/path}.");
    }
}
