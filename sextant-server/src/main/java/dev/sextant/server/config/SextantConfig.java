package dev.sextant.server.config;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The server's whole configuration, typed and validated on construction. Build it with
 * {@link ConfigLoader#load} (flags, environment, {@code sextant.yaml}, defaults) or start from
 * {@link #defaults()} and adjust with the {@code with…} methods.
 *
 * @param host interface to listen on
 * @param port TCP port; 0 picks a free one
 * @param dataDir where the embedded database and local artifacts live
 * @param storeUrl JDBC URL of the metadata database; empty means the embedded H2 under {@code dataDir}
 * @param storeUser database user
 * @param storePassword database password
 * @param maxRequestBodyBytes largest JSON request body accepted (artifact uploads are streamed and not bound by it)
 * @param maxDatasetBytes largest data file a dataset push accepts (streamed to disk, not held in memory)
 * @param logFormat json or text
 * @param logLevel root log level
 * @param security authentication, limits and HTTPS
 * @param inferenceLogSampleRate share of inference requests written to the inference log, 0 to 1
 * @param concurrentModelCalls model calls ONNX Runtime may run at once, all deployments together; 0 means one
 *     fewer than the processors (at least one)
 * @param trainingDataRoots the only directories whose files training may read by server path (absolute,
 *     normalised; each exists and is a directory); empty refuses every server path
 */
public record SextantConfig(
        String host,
        int port,
        Path dataDir,
        String storeUrl,
        String storeUser,
        Secret storePassword,
        long maxRequestBodyBytes,
        long maxDatasetBytes,
        LogFormat logFormat,
        String logLevel,
        SecurityConfig security,
        double inferenceLogSampleRate,
        int concurrentModelCalls,
        List<Path> trainingDataRoots) {

    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    public SextantConfig {
        if (host.isBlank()) {
            throw new ConfigException("server.host", "Configuration 'server.host' is empty. Set it to an interface "
                    + "address such as 127.0.0.1 or 0.0.0.0.");
        }
        if (port < 0 || port > 65_535) {
            throw new ConfigException("server.port", "Configuration 'server.port' is " + port
                    + ". Set it to a port between 1 and 65535 (0 picks a free port).");
        }
        if (maxRequestBodyBytes < 1024) {
            throw new ConfigException("server.max-request-body-bytes", "Configuration 'server.max-request-body-bytes' is "
                    + maxRequestBodyBytes + ". Set it to at least 1024 bytes.");
        }
        if (maxDatasetBytes < 1024) {
            throw new ConfigException("datasets.max-file-bytes", "Configuration 'datasets.max-file-bytes' is "
                    + maxDatasetBytes + ". Set it to at least 1024 bytes.");
        }
        if (!(inferenceLogSampleRate >= 0 && inferenceLogSampleRate <= 1)) {
            throw new ConfigException("serving.inference-log.sample-rate", "Configuration "
                    + "'serving.inference-log.sample-rate' is " + inferenceLogSampleRate
                    + ". Set it to a share from 0 (log nothing) to 1 (log every request).");
        }
        if (concurrentModelCalls < 0) {
            throw new ConfigException("serving.concurrent-model-calls", "Configuration 'serving.concurrent-model-calls' is "
                    + concurrentModelCalls + ". Set it to 0 (one fewer than the processors) or a number of calls.");
        }
        trainingDataRoots = trainingDataRoots.stream().map(root -> root.toAbsolutePath().normalize()).toList();
        trainingDataRoots.forEach(SextantConfig::checkDataRoot);
        logLevel = logLevel.toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(logLevel)) {
            throw new ConfigException("log.level", "Configuration 'log.level' is '" + logLevel
                    + "'. Use one of TRACE, DEBUG, INFO, WARN, ERROR, OFF.");
        }
    }

    /** Every default, as if nothing had been configured. */
    public static SextantConfig defaults() {
        return ConfigLoader.defaults();
    }

    public SextantConfig withHost(String newHost) {
        return new SextantConfig(newHost, port, dataDir, storeUrl, storeUser, storePassword, maxRequestBodyBytes, maxDatasetBytes,
                logFormat, logLevel, security, inferenceLogSampleRate, concurrentModelCalls,
                trainingDataRoots);
    }

    public SextantConfig withPort(int newPort) {
        return new SextantConfig(host, newPort, dataDir, storeUrl, storeUser, storePassword, maxRequestBodyBytes, maxDatasetBytes,
                logFormat, logLevel, security, inferenceLogSampleRate, concurrentModelCalls,
                trainingDataRoots);
    }

    public SextantConfig withDataDir(Path newDataDir) {
        return new SextantConfig(host, port, newDataDir, storeUrl, storeUser, storePassword, maxRequestBodyBytes, maxDatasetBytes,
                logFormat, logLevel, security, inferenceLogSampleRate, concurrentModelCalls,
                trainingDataRoots);
    }

    public SextantConfig withStore(String url, String user, Secret password) {
        return new SextantConfig(host, port, dataDir, url, user, password, maxRequestBodyBytes, maxDatasetBytes, logFormat, logLevel,
                security, inferenceLogSampleRate, concurrentModelCalls,
                trainingDataRoots);
    }

    public SextantConfig withConcurrentModelCalls(int calls) {
        return new SextantConfig(host, port, dataDir, storeUrl, storeUser, storePassword, maxRequestBodyBytes,
                maxDatasetBytes, logFormat, logLevel, security, inferenceLogSampleRate, calls, trainingDataRoots);
    }

    public SextantConfig withMaxDatasetBytes(long bytes) {
        return new SextantConfig(host, port, dataDir, storeUrl, storeUser, storePassword, maxRequestBodyBytes, bytes,
                logFormat, logLevel, security, inferenceLogSampleRate, concurrentModelCalls,
                trainingDataRoots);
    }

    public SextantConfig withMaxRequestBodyBytes(long bytes) {
        return new SextantConfig(host, port, dataDir, storeUrl, storeUser, storePassword, bytes, maxDatasetBytes, logFormat,
                logLevel, security, inferenceLogSampleRate, concurrentModelCalls,
                trainingDataRoots);
    }

    public SextantConfig withLogFormat(LogFormat format) {
        return new SextantConfig(host, port, dataDir, storeUrl, storeUser, storePassword, maxRequestBodyBytes, maxDatasetBytes,
                format, logLevel, security, inferenceLogSampleRate, concurrentModelCalls,
                trainingDataRoots);
    }

    public SextantConfig withSecurity(SecurityConfig newSecurity) {
        return new SextantConfig(host, port, dataDir, storeUrl, storeUser, storePassword, maxRequestBodyBytes, maxDatasetBytes,
                logFormat, logLevel, newSecurity, inferenceLogSampleRate, concurrentModelCalls,
                trainingDataRoots);
    }

    public SextantConfig withInferenceLogSampleRate(double rate) {
        return new SextantConfig(host, port, dataDir, storeUrl, storeUser, storePassword, maxRequestBodyBytes, maxDatasetBytes,
                logFormat, logLevel, security, rate, concurrentModelCalls, trainingDataRoots);
    }

    public SextantConfig withTrainingDataRoots(List<Path> roots) {
        return new SextantConfig(host, port, dataDir, storeUrl, storeUser, storePassword, maxRequestBodyBytes, maxDatasetBytes,
                logFormat, logLevel, security, inferenceLogSampleRate, concurrentModelCalls, roots);
    }

    /** Where local artifacts are kept. */
    public Path artifactsDir() {
        return dataDir.resolve("artifacts");
    }

    /** Whether the metadata store is the embedded H2 database under {@link #dataDir()}. */
    public boolean embeddedStore() {
        return storeUrl.isEmpty();
    }

    /** Every key with its effective value, secrets masked, for the start-up report. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(ConfigKey.SERVER_HOST.key(), host);
        out.put(ConfigKey.SERVER_PORT.key(), String.valueOf(port));
        out.put(ConfigKey.SERVER_MAX_REQUEST_BODY_BYTES.key(), String.valueOf(maxRequestBodyBytes));
        out.put(ConfigKey.DATASETS_MAX_FILE_BYTES.key(), String.valueOf(maxDatasetBytes));
        out.put(ConfigKey.DATA_DIR.key(), dataDir.toString());
        out.put(ConfigKey.STORE_URL.key(), storeUrl.isEmpty() ? "(embedded H2)" : StoreUrls.mask(storeUrl));
        out.put(ConfigKey.STORE_USER.key(), storeUser);
        out.put(ConfigKey.STORE_PASSWORD.key(), storePassword.toString());
        out.put(ConfigKey.LOG_FORMAT.key(), logFormat.name().toLowerCase(Locale.ROOT));
        out.put(ConfigKey.LOG_LEVEL.key(), logLevel);
        out.put(ConfigKey.ADMIN_TOKEN.key(), security.adminToken().toString());
        out.put(ConfigKey.METRICS_REQUIRE_TOKEN.key(), String.valueOf(security.metricsRequireToken()));
        out.put(ConfigKey.PREDICT_REQUIRES_SCOPE.key(), String.valueOf(security.predictRequiresScope()));
        out.put(ConfigKey.TOKEN_RATE.key(), String.valueOf(security.tokenRequestsPerSecond()));
        out.put(ConfigKey.TOKEN_BURST.key(), String.valueOf(security.tokenBurst()));
        out.put(ConfigKey.MAX_BATCH_ROWS.key(), String.valueOf(security.maxBatchRows()));
        TlsConfig tls = security.tls();
        out.put(ConfigKey.TLS_CERTIFICATE.key(), tls.certificate());
        out.put(ConfigKey.TLS_PRIVATE_KEY.key(), tls.privateKey());
        out.put(ConfigKey.TLS_PRIVATE_KEY_PASSWORD.key(), tls.privateKeyPassword().toString());
        out.put(ConfigKey.TLS_KEYSTORE.key(), tls.keystore());
        out.put(ConfigKey.TLS_KEYSTORE_PASSWORD.key(), tls.keystorePassword().toString());
        out.put(ConfigKey.SIGNING_KEY_FILE.key(), security.signingKeyFile());
        out.put(ConfigKey.SIGNING_TRUSTED_KEYS.key(), String.join(",", security.trustedKeyFiles()));
        out.put(ConfigKey.SERVING_INFERENCE_LOG_SAMPLE_RATE.key(), String.valueOf(inferenceLogSampleRate));
        out.put(ConfigKey.SERVING_CONCURRENT_MODEL_CALLS.key(), String.valueOf(concurrentModelCalls));
        out.put(ConfigKey.TRAINING_DATA_ROOTS.key(), trainingDataRoots.isEmpty() ? "(none: server paths refused)"
                : String.join(File.pathSeparator, trainingDataRoots.stream().map(Path::toString).toList()));
        return out;
    }

    /** A data root must be a directory now: a typo would otherwise refuse every path under it, unexplained. */
    private static void checkDataRoot(Path root) {
        String key = ConfigKey.TRAINING_DATA_ROOTS.key();
        if (!Files.isDirectory(root)) {
            throw new ConfigException(key, "Configuration '" + key + "' names " + root + ", which "
                    + (Files.exists(root) ? "is not a directory" : "does not exist") + ". Create the directory, "
                    + "fix the path or remove it from the list.");
        }
    }

    /** Secrets masked, so that logging a config record is safe. */
    @Override
    public String toString() {
        return "SextantConfig" + describe();
    }
}
