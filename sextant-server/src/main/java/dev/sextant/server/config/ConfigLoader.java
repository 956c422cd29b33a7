package dev.sextant.server.config;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link SextantConfig} from, in order of precedence: flags, {@code SEXTANT_*} environment
 * variables, a {@code sextant.yaml} file, defaults. Flags are keyed by configuration key
 * ({@code server.port}, {@code data-dir}, …) plus {@code config} for the file path; the file is
 * {@code --config}, else {@code $SEXTANT_CONFIG}, else {@code ./sextant.yaml} when present.
 * Any value may be a reference, {@code ${env:NAME}} or {@code ${file:/path}}, so that secrets stay
 * out of files and command lines.
 */
public final class ConfigLoader {
    /** Flag naming the configuration file. */
    public static final String CONFIG_FLAG = "config";
    /** Environment variable naming the configuration file. */
    public static final String CONFIG_ENV = "SEXTANT_CONFIG";
    /**
     * Separates the items of a list value given as a YAML sequence or as repeated flags: NUL, which
     * no path holds. A list from the environment is split at the platform's path separator instead.
     */
    public static final String LIST_ITEMS = "\0";
    /** The file looked for in the working directory when no path is given. */
    public static final String DEFAULT_FILE = "sextant.yaml";

    private ConfigLoader() {
    }

    /** Loads with the working directory of the process as the place to look for {@code sextant.yaml}. */
    public static SextantConfig load(Map<String, String> flags, Map<String, String> env) {
        return load(flags, env, Path.of(""));
    }

    static SextantConfig load(Map<String, String> flags, Map<String, String> env, Path workingDir) {
        checkFlags(flags);
        Optional<Path> file = configFile(flags, env, workingDir);
        Map<String, String> fromFile = file.map(YamlConfigFile::read).orElse(Map.of());
        Map<ConfigKey, Value> values = new EnumMap<>(ConfigKey.class);
        // Vault's own settings first: every other value may refer to Vault through them.
        for (ConfigKey key : ConfigKey.values()) {
            if (key.vaultSetting()) {
                values.put(key, resolved(key, pick(key, flags, env, fromFile, file), env, null));
            }
        }
        VaultSettings vault = new VaultSettings(values, env);
        for (ConfigKey key : ConfigKey.values()) {
            if (!key.vaultSetting()) {
                values.put(key, resolved(key, pick(key, flags, env, fromFile, file), env, vault));
            }
        }
        return build(values);
    }

    private static Value resolved(ConfigKey key, Value raw, Map<String, String> env, References.VaultLookup vault) {
        return new Value(References.resolve(key, raw.text(), raw.origin(), env, vault), raw.origin());
    }

    /** Every default, without looking at flags, environment or files. */
    static SextantConfig defaults() {
        Map<ConfigKey, Value> values = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            values.put(key, new Value(key.defaultValue(), "default"));
        }
        return build(values);
    }

    private static void checkFlags(Map<String, String> flags) {
        for (String flag : flags.keySet()) {
            if (!flag.equals(CONFIG_FLAG) && ConfigKey.byKey(flag).isEmpty()) {
                throw new ConfigException(flag, "Unknown configuration option '--" + flag + "'. Known options: "
                        + CONFIG_FLAG + ", " + ConfigKey.knownKeys() + ".");
            }
        }
    }

    private static Optional<Path> configFile(Map<String, String> flags, Map<String, String> env, Path workingDir) {
        String explicit = flags.getOrDefault(CONFIG_FLAG, env.getOrDefault(CONFIG_ENV, ""));
        if (!explicit.isEmpty()) {
            Path path = workingDir.resolve(explicit);
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                String from = flags.containsKey(CONFIG_FLAG) ? "--config" : CONFIG_ENV;
                throw new ConfigException(CONFIG_FLAG, "Configuration file '" + path + "' (from " + from
                        + ") does not exist or cannot be read. Fix the path or create the file.");
            }
            return Optional.of(path);
        }
        Path fallback = workingDir.resolve(DEFAULT_FILE);
        return Files.isRegularFile(fallback) ? Optional.of(fallback) : Optional.empty();
    }

    private static Value pick(ConfigKey key, Map<String, String> flags, Map<String, String> env,
                              Map<String, String> fromFile, Optional<Path> file) {
        if (flags.containsKey(key.key())) {
            return new Value(flags.get(key.key()), "flag --" + key.key());
        }
        if (env.containsKey(key.envName())) {
            return new Value(env.get(key.envName()), "environment variable " + key.envName());
        }
        if (fromFile.containsKey(key.key())) {
            return new Value(fromFile.get(key.key()), "file " + file.orElseThrow());
        }
        return new Value(key.defaultValue(), "default");
    }

    private static SextantConfig build(Map<ConfigKey, Value> values) {
        return new SextantConfig(
                values.get(ConfigKey.SERVER_HOST).text().trim(),
                (int) number(ConfigKey.SERVER_PORT, values.get(ConfigKey.SERVER_PORT),
                        "a port between 1 and 65535 (0 picks a free port)"),
                Path.of(values.get(ConfigKey.DATA_DIR).text().trim()),
                values.get(ConfigKey.STORE_URL).text().trim(),
                values.get(ConfigKey.STORE_USER).text(),
                Secret.of(values.get(ConfigKey.STORE_PASSWORD).text()),
                number(ConfigKey.SERVER_MAX_REQUEST_BODY_BYTES, values.get(ConfigKey.SERVER_MAX_REQUEST_BODY_BYTES),
                        "a number of bytes, at least 1024"),
                number(ConfigKey.DATASETS_MAX_FILE_BYTES, values.get(ConfigKey.DATASETS_MAX_FILE_BYTES),
                        "a number of bytes, at least 1024"),
                logFormat(values.get(ConfigKey.LOG_FORMAT)),
                values.get(ConfigKey.LOG_LEVEL).text().trim(),
                security(values),
                share(ConfigKey.SERVING_INFERENCE_LOG_SAMPLE_RATE, values.get(ConfigKey.SERVING_INFERENCE_LOG_SAMPLE_RATE)),
                (int) number(ConfigKey.SERVING_CONCURRENT_MODEL_CALLS, values.get(ConfigKey.SERVING_CONCURRENT_MODEL_CALLS),
                        "0 (one fewer than the processors) or a number of calls"),
                paths(values.get(ConfigKey.TRAINING_DATA_ROOTS)));
    }

    /**
     * A list of paths: items of a YAML sequence or repeated flag ({@link #LIST_ITEMS}), else joined by
     * the platform's path separator as in PATH. Empty items are skipped.
     */
    private static List<Path> paths(Value value) {
        String text = value.text();
        String separator = text.contains(LIST_ITEMS) ? LIST_ITEMS : File.pathSeparator;
        return Arrays.stream(text.split(java.util.regex.Pattern.quote(separator)))
                .map(String::trim).filter(item -> !item.isEmpty()).map(Path::of).toList();
    }

    private static double share(ConfigKey key, Value value) {
        try {
            return Double.parseDouble(value.text().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key.key(), "Configuration '" + key.key() + "' from " + value.origin() + " is '"
                    + value.text() + "'. Set it to a number from 0 to 1.");
        }
    }

    private static SecurityConfig security(Map<ConfigKey, Value> values) {
        TlsConfig tls = new TlsConfig(text(values, ConfigKey.TLS_CERTIFICATE), text(values, ConfigKey.TLS_PRIVATE_KEY),
                Secret.of(values.get(ConfigKey.TLS_PRIVATE_KEY_PASSWORD).text()), text(values, ConfigKey.TLS_KEYSTORE),
                Secret.of(values.get(ConfigKey.TLS_KEYSTORE_PASSWORD).text()));
        return new SecurityConfig(adminToken(values), flag(ConfigKey.METRICS_REQUIRE_TOKEN, values),
                flag(ConfigKey.PREDICT_REQUIRES_SCOPE, values),
                decimal(ConfigKey.TOKEN_RATE, values.get(ConfigKey.TOKEN_RATE)),
                (int) number(ConfigKey.TOKEN_BURST, values.get(ConfigKey.TOKEN_BURST), "a number of requests, at least 1"),
                (int) number(ConfigKey.MAX_BATCH_ROWS, values.get(ConfigKey.MAX_BATCH_ROWS), "a number of rows, at least 1"),
                tls, text(values, ConfigKey.SIGNING_KEY_FILE),
                java.util.Arrays.stream(text(values, ConfigKey.SIGNING_TRUSTED_KEYS).split(","))
                        .map(String::trim).filter(f -> !f.isEmpty()).toList());
    }

    /** admin-token, or the content of admin-token-file (the usual way to pass a mounted secret). */
    private static Secret adminToken(Map<ConfigKey, Value> values) {
        String token = values.get(ConfigKey.ADMIN_TOKEN).text().strip();
        String file = text(values, ConfigKey.ADMIN_TOKEN_FILE);
        if (file.isEmpty()) {
            return Secret.of(token);
        }
        if (!token.isEmpty()) {
            throw new ConfigException(ConfigKey.ADMIN_TOKEN_FILE.key(), "Both admin-token and admin-token-file are set"
                    + " (" + values.get(ConfigKey.ADMIN_TOKEN).origin() + ", " + values.get(ConfigKey.ADMIN_TOKEN_FILE).origin()
                    + "). Set one of them.");
        }
        try {
            return Secret.of(java.nio.file.Files.readString(Path.of(file)).strip());
        } catch (java.io.IOException | SecurityException e) {
            throw new ConfigException(ConfigKey.ADMIN_TOKEN_FILE.key(), "admin-token-file " + file + " (from "
                    + values.get(ConfigKey.ADMIN_TOKEN_FILE).origin() + ") cannot be read. Create it or fix the path.");
        }
    }

    private static String text(Map<ConfigKey, Value> values, ConfigKey key) {
        return values.get(key).text().trim();
    }

    private static boolean flag(ConfigKey key, Map<ConfigKey, Value> values) {
        Value value = values.get(key);
        String text = value.text().trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return text.equals("true");
        }
        throw new ConfigException(key.key(), "Configuration '" + key.key() + "' from " + value.origin() + " is '"
                + value.text() + "'. Set it to true or false.");
    }

    private static double decimal(ConfigKey key, Value value) {
        try {
            double parsed = Double.parseDouble(value.text().trim());
            if (!Double.isFinite(parsed)) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(key.key(), "Configuration '" + key.key() + "' from " + value.origin() + " is '"
                    + value.text() + "'. Set it to a number of requests per second (0 for no limit).");
        }
    }

    private static long number(ConfigKey key, Value value, String expected) {
        try {
            long parsed = Long.parseLong(value.text().trim());
            if (key == ConfigKey.SERVER_PORT && (parsed < 0 || parsed > 65_535)) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(key.key(), "Configuration '" + key.key() + "' from " + value.origin() + " is '"
                    + value.text() + "'. Set it to " + expected + ".");
        }
    }

    private static LogFormat logFormat(Value value) {
        String text = value.text().trim().toUpperCase(Locale.ROOT);
        for (LogFormat format : LogFormat.values()) {
            if (format.name().equals(text)) {
                return format;
            }
        }
        throw new ConfigException(ConfigKey.LOG_FORMAT.key(), "Configuration 'log.format' from " + value.origin()
                + " is '" + value.text() + "'. Set it to json or text.");
    }

    /** A raw value and where it came from, for error messages. */
    record Value(String text, String origin) {
    }
}
