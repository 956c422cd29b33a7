package dev.sextant.server.config;

import dev.sextant.server.secrets.VaultReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Resolves {@code ${env:NAME}}, {@code ${file:/path}} and Vault references ({@code ${vault:mount/path#key}}
 * or plainly {@code vault:mount/path#key}), so secrets can live outside the configuration.
 * Messages name the reference, never the value it resolves to.
 */
final class References {

    /** Reads a Vault reference for a key; fails with a {@link ConfigException} naming the key. */
    interface VaultLookup {
        String read(ConfigKey key, String origin, VaultReference reference);
    }

    private References() {
    }

    static String resolve(ConfigKey key, String raw, String origin, Map<String, String> env, VaultLookup vault) {
        String text = raw.trim();
        if (text.startsWith(VaultReference.PREFIX)) {
            return vault(key, text, origin, vault);
        }
        if (!text.startsWith("${") || !text.endsWith("}")) {
            return raw;
        }
        String reference = text.substring(2, text.length() - 1);
        if (reference.startsWith(VaultReference.PREFIX)) {
            return vault(key, reference, origin, vault);
        }
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
                + " has an unknown reference '" + text + "'. Use ${env:NAME}, ${file:/path} or vault:mount/path#key.");
    }

    private static String vault(ConfigKey key, String text, String origin, VaultLookup vault) {
        if (key.vaultSetting()) {
            throw new ConfigException(key.key(), "Configuration '" + key.key() + "' from " + origin + " refers to Vault,"
                    + " but Vault's own settings cannot come from Vault. Use ${env:NAME} or ${file:/path}.");
        }
        VaultReference reference;
        try {
            reference = VaultReference.parse(text);
        } catch (RuntimeException e) {
            throw new ConfigException(key.key(), "Configuration '" + key.key() + "' from " + origin + ": " + e.getMessage());
        }
        return vault.read(key, origin, reference);
    }
}
