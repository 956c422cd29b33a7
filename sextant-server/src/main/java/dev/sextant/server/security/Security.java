package dev.sextant.server.security;

import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.server.audit.AuditTrail;
import dev.sextant.registry.RegistryStore;
import dev.sextant.server.audit.AuditedArtifactStore;
import dev.sextant.server.audit.AuditedDeploymentStore;
import dev.sextant.server.audit.AuditedRegistryStore;
import dev.sextant.server.audit.AuditedTrackingStore;
import dev.sextant.server.config.ConfigException;
import dev.sextant.server.config.SecurityConfig;
import dev.sextant.server.config.SextantConfig;
import dev.sextant.serving.deployment.DeploymentStore;
import dev.sextant.store.jdbc.SecurityStores;
import dev.sextant.tracking.TrackingStore;
import io.helidon.common.tls.Tls;
import io.helidon.webserver.http.Filter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's security, wired in one piece: the mode (local or tokens), the access filter and
 * control, the audit trail and the audited stores, the security API and TLS.
 */
public final class Security {
    private static final Logger LOG = LoggerFactory.getLogger(Security.class);

    private final SecurityConfig config;
    private final AuditTrail audit;
    private final AccessFilter filter;
    private final SecurityApi api;
    private final Optional<Tls> tls;

    private Security(SecurityConfig config, AuditTrail audit, AccessFilter filter, SecurityApi api, Optional<Tls> tls) {
        this.config = config;
        this.audit = audit;
        this.filter = filter;
        this.api = api;
        this.tls = tls;
    }

    /**
     * Decides the mode: tokens when an admin token is configured; local (a single user, no
     * authentication) on a loopback address without one; refused on any other address without one.
     */
    public static Security start(SextantConfig config, SecurityStores stores, Resources resources, Clock clock,
                                 RandomGenerator random) {
        SecurityConfig security = config.security();
        boolean local = !security.authenticationConfigured();
        if (local && !loopback(config.host())) {
            throw new ConfigException("admin-token", "Refusing to listen on " + config.host() + " without "
                    + "authentication: anyone who reaches the port could read, change or delete everything. Set an "
                    + "admin token (SEXTANT_ADMIN_TOKEN, or admin-token-file naming a file that holds it; at least "
                    + SecurityConfig.MIN_ADMIN_TOKEN_LENGTH + " characters, e.g. from 'openssl rand -base64 32') to require "
                    + "API tokens, or bind to 127.0.0.1 for a single local user.");
        }
        Optional<Tls> tls = TlsSetup.of(security.tls());
        AuditTrail audit = new AuditTrail(stores.audit(), clock);
        Authenticator authenticator = new Authenticator(security.adminToken(), stores.tokens(), clock);
        RateLimiter limiter = new RateLimiter(security.tokenRequestsPerSecond(), security.tokenBurst(), System::nanoTime);
        AccessControl control = new AccessControl(local, security.predictRequiresScope(), stores.grants(), resources,
                limiter, config.maxRequestBodyBytes(), new Reauthorization(stores.tokens(), audit, clock));
        SecurityApi api = new SecurityApi(new TokenService(stores.tokens(), authenticator, audit, clock, random),
                stores.grants(), audit, config.maxRequestBodyBytes());
        if (local) {
            LOG.warn("Local mode: listening on loopback address {} without authentication; every request acts as the "
                    + "single local user 'local' (admin). Set SEXTANT_ADMIN_TOKEN to require API tokens.", config.host());
        } else {
            LOG.info("Authentication: API tokens required (Bearer or Basic); health probes open, /metrics {}; rate limit {}",
                    security.metricsRequireToken() ? "needs a token" : "open",
                    limiter.enabled() ? security.tokenRequestsPerSecond() + "/s per token, burst " + security.tokenBurst()
                            : "off");
        }
        return new Security(security, audit, new AccessFilter(control, authenticator), api, tls);
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    public Filter filter() {
        return filter;
    }

    public SecurityApi api() {
        return api;
    }

    public Optional<Tls> tls() {
        return tls;
    }

    public AuditTrail audit() {
        return audit;
    }

    /** Rows per prediction request, for the serving endpoints. */
    public BatchLimit batchLimit() {
        return new BatchLimit(config.maxBatchRows());
    }

    /** The policy of {@code /metrics}: open, or any token, as configured. */
    public Policy metricsPolicy() {
        return config.metricsRequireToken() ? Policy.authenticated() : Policy.open();
    }

    public TrackingStore audited(TrackingStore store) {
        return new AuditedTrackingStore(store, audit);
    }

    /** The registry's store, audited; {@code onRegistered} sees each new version (to sign it). */
    public RegistryStore audited(RegistryStore store, java.util.function.Consumer<dev.sextant.registry.ModelVersion> onRegistered) {
        return new AuditedRegistryStore(store, audit, onRegistered);
    }

    public ArtifactStore audited(ArtifactStore store) {
        return new AuditedArtifactStore(store, audit);
    }

    public DeploymentStore audited(DeploymentStore store) {
        return new AuditedDeploymentStore(store, audit);
    }
}
