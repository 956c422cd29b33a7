package dev.sextant.server.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Every configuration key the server knows, with its default; the single list the loader checks against. */
enum ConfigKey {
    SERVER_HOST("server.host", "127.0.0.1"),
    SERVER_PORT("server.port", "5000"),
    SERVER_MAX_REQUEST_BODY_BYTES("server.max-request-body-bytes", String.valueOf(32L * 1024 * 1024)),
    DATASETS_MAX_FILE_BYTES("datasets.max-file-bytes", String.valueOf(1024L * 1024 * 1024)),
    DATA_DIR("data-dir", "./.sextant"),
    STORE_URL("store.url", ""),
    STORE_USER("store.user", ""),
    STORE_PASSWORD("store.password", ""),
    LOG_FORMAT("log.format", "json"),
    LOG_LEVEL("log.level", "INFO"),
    // Security: see SecurityConfig.
    ADMIN_TOKEN("admin-token", ""),
    ADMIN_TOKEN_FILE("admin-token-file", ""),
    METRICS_REQUIRE_TOKEN("metrics.require-token", "false"),
    PREDICT_REQUIRES_SCOPE("auth.predict-requires-scope", "false"),
    TOKEN_RATE("limits.token-requests-per-second", "100"),
    TOKEN_BURST("limits.token-burst", "200"),
    MAX_BATCH_ROWS("limits.max-batch-rows", "10000"),
    TLS_CERTIFICATE("tls.certificate", ""),
    TLS_PRIVATE_KEY("tls.private-key", ""),
    TLS_PRIVATE_KEY_PASSWORD("tls.private-key-password", ""),
    TLS_KEYSTORE("tls.keystore", ""),
    TLS_KEYSTORE_PASSWORD("tls.keystore-password", ""),
    VAULT_ADDRESS("vault.address", ""),
    VAULT_TOKEN("vault.token", ""),
    VAULT_ROLE_ID("vault.role-id", ""),
    VAULT_SECRET_ID("vault.secret-id", ""),
    VAULT_NAMESPACE("vault.namespace", ""),
    VAULT_APPROLE_PATH("vault.approle-path", "approle"),
    SIGNING_KEY_FILE("signing.key-file", ""),
    SIGNING_TRUSTED_KEYS("signing.trusted-keys", ""),
    SERVING_INFERENCE_LOG_SAMPLE_RATE("serving.inference-log.sample-rate", "0.05"),
    SERVING_CONCURRENT_MODEL_CALLS("serving.concurrent-model-calls", "0"),
    // A list: a YAML sequence, or one string of paths joined by the platform's path separator (':' or ';').
    TRAINING_DATA_ROOTS("training.data-roots", "");

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
        return switch (this) {
            case STORE_PASSWORD, ADMIN_TOKEN, TLS_PRIVATE_KEY_PASSWORD, TLS_KEYSTORE_PASSWORD, VAULT_TOKEN,
                 VAULT_SECRET_ID -> true;
            default -> false;
        };
    }

    /** Keys that take a list of values; a YAML sequence is accepted for them. */
    boolean list() {
        return this == TRAINING_DATA_ROOTS;
    }

    /** Keys that configure Vault itself: their values may refer to the environment or files, not to Vault. */
    boolean vaultSetting() {
        return key.startsWith("vault.");
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
