package dev.sextant.server.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Every configuration key the server knows, with its default; the single list the loader checks against. */
enum ConfigKey {
    SERVER_HOST("server.host", "127.0.0.1"),
    SERVER_PORT("server.port", "5000"),
    SERVER_MAX_REQUEST_BODY_BYTES("server.max-request-body-bytes", String.valueOf(32L * 1024 * 1024)),
    DATA_DIR("data-dir", "./.sextant"),
    STORE_URL("store.url", ""),
    STORE_USER("store.user", ""),
    STORE_PASSWORD("store.password", ""),
    LOG_FORMAT("log.format", "json"),
    LOG_LEVEL("log.level", "INFO"),
    SERVING_INFERENCE_LOG_SAMPLE_RATE("serving.inference-log.sample-rate", "0.05");

    static final String ENV_PREFIX = "SEXTANT_";

    private final String key;
    private final String defaultValue;

    ConfigKey(String key, String defaultValue) {
        this.key = key;
        this.defaultValue = defaultValue;
    }

    String key() {
        return key;
    }

    String defaultValue() {
        return defaultValue;
    }

    boolean secret() {
        return this == STORE_PASSWORD;
    }

    /** {@code server.max-request-body-bytes} → {@code SEXTANT_SERVER_MAX_REQUEST_BODY_BYTES}. */
    String envName() {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    static Optional<ConfigKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    static String knownKeys() {
        return String.join(", ", Arrays.stream(values()).map(ConfigKey::key).toList());
    }
}
