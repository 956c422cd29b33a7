package dev.sextant.server.config;

/**
 * Authentication, limits and transport.
 *
 * @param adminToken the first admin's token; empty means no authentication is configured, which is
 *                   allowed only on a loopback address (local mode)
 * @param metricsRequireToken whether {@code /metrics} needs a token (health probes never do)
 * @param predictRequiresScope whether prediction endpoints need a token with {@code predict:<deployment>}
 * @param tokenRequestsPerSecond sustained requests per second per token; 0 turns rate limiting off
 * @param tokenBurst requests a token may send at once before the rate applies
 * @param maxBatchRows most rows (instances) one prediction request may carry
 * @param signingKeyFile the server's Ed25519 model signing key (PKCS#8 PEM); "" keeps one under the data directory
 * @param trustedKeyFiles PEM public keys whose model signatures are accepted besides the server's own
 */
public record SecurityConfig(Secret adminToken, boolean metricsRequireToken, boolean predictRequiresScope,
                             double tokenRequestsPerSecond, int tokenBurst, int maxBatchRows, TlsConfig tls,
                             String signingKeyFile, java.util.List<String> trustedKeyFiles) {
    /** Tokens shorter than this are refused: there is no default or weak admin password. */
    public static final int MIN_ADMIN_TOKEN_LENGTH = 24;

    public SecurityConfig {
        trustedKeyFiles = java.util.List.copyOf(trustedKeyFiles);
        if (!adminToken.isEmpty() && adminToken.reveal().length() < MIN_ADMIN_TOKEN_LENGTH) {
            throw new ConfigException("admin-token", "The admin token is shorter than " + MIN_ADMIN_TOKEN_LENGTH
                    + " characters. Use a long random one, e.g. 'openssl rand -base64 32'.");
        }
        if (tokenRequestsPerSecond < 0) {
            throw new ConfigException("limits.token-requests-per-second", "limits.token-requests-per-second is "
                    + tokenRequestsPerSecond + ". Use 0 (no limit) or a positive rate.");
        }
        if (tokenBurst < 1) {
            throw new ConfigException("limits.token-burst", "limits.token-burst is " + tokenBurst + ". Use at least 1.");
        }
        if (maxBatchRows < 1) {
            throw new ConfigException("limits.max-batch-rows", "limits.max-batch-rows is " + maxBatchRows
                    + ". Use at least 1.");
        }
    }

    public static SecurityConfig defaults() {
        return new SecurityConfig(Secret.empty(), false, false, 100, 200, 10_000, TlsConfig.none(), "", java.util.List.of());
    }

    public boolean authenticationConfigured() {
        return !adminToken.isEmpty();
    }

    public SecurityConfig withAdminToken(Secret token) {
        return new SecurityConfig(token, metricsRequireToken, predictRequiresScope, tokenRequestsPerSecond, tokenBurst,
                maxBatchRows, tls, signingKeyFile, trustedKeyFiles);
    }

    public SecurityConfig withRateLimit(double perSecond, int burst) {
        return new SecurityConfig(adminToken, metricsRequireToken, predictRequiresScope, perSecond, burst, maxBatchRows,
                tls, signingKeyFile, trustedKeyFiles);
    }

    public SecurityConfig withMetricsRequireToken(boolean required) {
        return new SecurityConfig(adminToken, required, predictRequiresScope, tokenRequestsPerSecond, tokenBurst,
                maxBatchRows, tls, signingKeyFile, trustedKeyFiles);
    }

    public SecurityConfig withPredictRequiresScope(boolean required) {
        return new SecurityConfig(adminToken, metricsRequireToken, required, tokenRequestsPerSecond, tokenBurst,
                maxBatchRows, tls, signingKeyFile, trustedKeyFiles);
    }

    public SecurityConfig withMaxBatchRows(int rows) {
        return new SecurityConfig(adminToken, metricsRequireToken, predictRequiresScope, tokenRequestsPerSecond, tokenBurst,
                rows, tls, signingKeyFile, trustedKeyFiles);
    }

    public SecurityConfig withTls(TlsConfig newTls) {
        return new SecurityConfig(adminToken, metricsRequireToken, predictRequiresScope, tokenRequestsPerSecond,
                tokenBurst, maxBatchRows, newTls, signingKeyFile, trustedKeyFiles);
    }

    public SecurityConfig withSigning(String keyFile, java.util.List<String> trusted) {
        return new SecurityConfig(adminToken, metricsRequireToken, predictRequiresScope, tokenRequestsPerSecond,
                tokenBurst, maxBatchRows, tls, keyFile, trusted);
    }
}
