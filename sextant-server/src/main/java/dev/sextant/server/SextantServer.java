package dev.sextant.server;

import dev.sextant.api.SextantException;
import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.data.version.DatasetService;
import dev.sextant.release.webhook.Backoff;
import dev.sextant.server.artifacts.ArtifactProxy;
import dev.sextant.server.config.ConfigException;
import dev.sextant.server.config.SextantConfig;
import dev.sextant.server.http.ConnectionClose;
import dev.sextant.server.http.ErrorResponder;
import dev.sextant.server.http.RouteCatalog;
import dev.sextant.server.http.Routes;
import dev.sextant.server.http.TransportErrors;
import dev.sextant.server.inference.InferenceApi;
import dev.sextant.server.mlflow.MlflowApi;
import dev.sextant.server.mlflow.MlflowRegistryApi;
import dev.sextant.server.nativeapi.NativeApi;
import dev.sextant.server.observe.LogSetup;
import dev.sextant.server.observe.Observability;
import dev.sextant.server.release.Release;
import dev.sextant.server.security.Security;
import dev.sextant.server.signing.ModelSigning;
import dev.sextant.server.security.TrackingResources;
import dev.sextant.server.training.TrainingApi;
import dev.sextant.server.ui.WebUi;
import dev.sextant.store.artifact.LocalArtifactStore;
import dev.sextant.store.jdbc.MetadataDatabase;
import dev.sextant.tracking.TrackingService;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sextant server: wires the metadata database, the artifact store, the tracking service and
 * every HTTP API onto one Helidon web server (a virtual thread per request). {@link #start} returns
 * once the server accepts requests; {@link #close} stops it and releases the database.
 */
public final class SextantServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SextantServer.class);
    /** Experiments without an explicit location keep artifacts behind the artifact proxy. */
    private static final String DEFAULT_ARTIFACT_ROOT = "mlflow-artifacts:";
    /** Long GET query strings (search filters) must fit in the request line. */
    private static final int MAX_REQUEST_LINE = 64 * 1024;

    private final WebServer webServer;
    private final MetadataDatabase database;
    private final Observability observability;
    private final Serving serving;
    private final Release release;
    private final List<RouteCatalog.Entry> routes;

    private SextantServer(WebServer webServer, MetadataDatabase database, Observability observability,
                          Serving serving, Release release, List<RouteCatalog.Entry> routes) {
        this.webServer = webServer;
        this.database = database;
        this.observability = observability;
        this.serving = serving;
        this.release = release;
        this.routes = routes;
    }

    /** Starts a server; configuration problems fail here with a message that names the key at fault. */
    public static SextantServer start(SextantConfig config) {
        LogSetup.apply(config.logFormat(), config.logLevel());
        LOG.info("Starting Sextant {} with configuration {}", ServerVersion.get(), config.describe());
        DataDirectory.prepare(config.dataDir(), config.artifactsDir());
        String url = config.embeddedStore() ? MetadataDatabase.embeddedUrl(config.dataDir()) : config.storeUrl();
        MetadataDatabase database = openDatabase(config, url);
        Observability observability = new Observability();
        Serving serving = null;
        Release release = null;
        try {
            Security security = Security.start(config, database.security(),
                    new TrackingResources(database.trackingStore()), Clock.systemUTC(), new SecureRandom());
            TrackingService tracking = new TrackingService(security.audited(database.trackingStore()), Clock.systemUTC(),
                    new SecureRandom(), DEFAULT_ARTIFACT_ROOT);
            ArtifactStore artifacts = security.audited(new LocalArtifactStore(config.artifactsDir()));
            ModelSigning signing = ModelSigning.start(config.security(), config.dataDir(), database.security().signatures(),
                    artifacts, security.audit(), Clock.systemUTC(), new SecureRandom());
            Release.Prepared releasing = Release.prepare(database.release(), database.registryStore(), security.audit(),
                    Clock.systemUTC(), new SecureRandom());
            Registry registry = Registry.create(security.audited(database.registryStore(),
                    signing.onRegistered().andThen(releasing.onRegistered())), database, tracking, artifacts,
                    releasing.governance(), Clock.systemUTC());
            serving = Serving.create(security.audited(database.deploymentStore()), registry.service(), artifacts,
                    signing::requireLoadable, observability.meterRegistry(), config.dataDir(),
                    config.inferenceLogSampleRate(), config.concurrentModelCalls(), Clock.systemUTC()).start();
            // Evaluation shares serving's runtime (one ONNX Runtime environment, one session cache).
            release = releasing.start(registry.service(), artifacts, signing.integrity(), serving.runtime(),
                    Backoff.defaults());
            HttpRouting.Builder routing = HttpRouting.builder();
            DatasetService datasets = new DatasetService(database.datasetStore(), artifacts, Clock.systemUTC());
            RouteCatalog catalog = routing(config, routing, security, tracking, artifacts, registry, signing, serving,
                    release, datasets, observability);
            WebServerConfig.Builder builder = WebServer.builder()
                    .host(config.host())
                    .port(config.port())
                    .addProtocol(Http1Config.builder().maxPrologueLength(MAX_REQUEST_LINE).build())
                    .directHandlers(TransportErrors.handlers())
                    .routing(routing);
            security.tls().ifPresent(builder::tls);
            WebServer webServer = listen(config, builder.build());
            SextantServer server = new SextantServer(webServer, database, observability, serving, release,
                    catalog.entries());
            LOG.info("Sextant ready on {}://{}:{} (store: {}, data: {})", security.tls().isPresent() ? "https" : "http",
                    config.host(), webServer.port(),
                    config.embeddedStore() ? "h2 " + url : config.describe().get("store.url"),
                    config.dataDir().toAbsolutePath().normalize());
            observability.markReady();
            return server;
        } catch (RuntimeException e) {
            if (release != null) {
                release.close();
            }
            if (serving != null) {
                serving.close();
            }
            observability.close();
            database.close();
            throw e;
        }
    }

    /**
     * Starts listening. Helidon logs a failed bind and returns a server that is not running; that
     * is a configuration problem for the operator, so it is said as one.
     */
    private static WebServer listen(SextantConfig config, WebServer webServer) {
        WebServer started = webServer.start();
        if (!started.isRunning()) {
            throw new ConfigException("server.port", "Cannot listen on " + config.host() + ":" + config.port()
                    + ": the port is in use or the address does not belong to this machine. Stop the process using it "
                    + "or set server.port (--server.port, SEXTANT_SERVER_PORT) to a free port.");
        }
        return started;
    }

    /** Opens the store; a failure names the store without the credentials a JDBC URL may carry. */
    private static MetadataDatabase openDatabase(SextantConfig config, String url) {
        try {
            return MetadataDatabase.open(url, config.storeUser(), config.storePassword().reveal());
        } catch (SextantException e) {
            String masked = config.describe().get("store.url");
            String message = (e.getMessage() + rootCause(e)).replace(url, masked);
            if (!config.storePassword().isEmpty()) {
                message = message.replace(config.storePassword().reveal(), "****");
            }
            throw new SextantException(e.code(), message + " Check store.url, store.user and store.password.");
        }
    }

    /** The innermost cause's message, which names what the database refused (e.g. a constraint). */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? "" : " (cause: " + root.getMessage() + ")";
    }

    private static RouteCatalog routing(SextantConfig config, HttpRouting.Builder routing, Security security,
                                        TrackingService tracking, ArtifactStore artifacts, Registry registry,
                                        ModelSigning signing, Serving serving, Release release,
                                        DatasetService datasets, Observability observability) {
        routing.addFilter(new ConnectionClose())
                .addFilter(observability.requestFilter())
                .addFilter(security.filter())
                .error(Throwable.class, new ErrorResponder());
        // Every family goes through the catalog: it refuses routes without an access policy.
        RouteCatalog catalog = new RouteCatalog(routing);
        Routes mlflow = MlflowApi.routes(tracking, artifacts, config.maxRequestBodyBytes());
        MlflowApi.PREFIXES.forEach(prefix -> catalog.register(prefix, mlflow));
        Routes mlflowRegistry = MlflowRegistryApi.routes(registry.service(), config.maxRequestBodyBytes());
        MlflowApi.PREFIXES.forEach(prefix -> catalog.register(prefix, mlflowRegistry));
        Routes proxy = new ArtifactProxy(artifacts).routes();
        ArtifactProxy.PREFIXES.forEach(prefix -> catalog.register(prefix, proxy));
        catalog.register(NativeApi.PREFIX, NativeApi.routes(tracking, artifacts, Clock.systemUTC(),
                ServerVersion.get(), config.maxRequestBodyBytes()));
        catalog.register(NativeApi.PREFIX, NativeApi.registryRoutes(registry.service(), registry.lineage(),
                config.maxRequestBodyBytes()));
        catalog.register(NativeApi.PREFIX, signing.routes(registry.service(), config.maxRequestBodyBytes()));
        catalog.register(NativeApi.PREFIX, NativeApi.releaseRoutes(release, registry.service(), datasets,
                config.maxRequestBodyBytes()));
        catalog.register(NativeApi.PREFIX, NativeApi.datasetRoutes(datasets, security.audit(),
                config.maxDatasetBytes()));
        catalog.register(NativeApi.PREFIX, security.api().routes());
        catalog.register(NativeApi.PREFIX, TrainingApi.routes(tracking, artifacts, registry.service(),
                java.util.Optional.of(datasets), Clock.systemUTC(), ServerVersion.get(), config.maxRequestBodyBytes(),
                config.trainingDataRoots()));
        catalog.register(NativeApi.PREFIX, NativeApi.deploymentRoutes(serving.deployments(), serving.plane(),
                config.maxRequestBodyBytes()));
        catalog.register(InferenceApi.routes(serving.plane(), serving.deployments(), observability::isReady,
                security.batchLimit(), ServerVersion.get(), config.maxRequestBodyBytes()));
        catalog.register(observability.routes(security.metricsPolicy()));
        catalog.register(NativeApi.openApi());
        catalog.register(WebUi.fromClasspath().routes());
        return catalog;
    }

    /** Every route served, with its full path and access policy. */
    public List<RouteCatalog.Entry> routes() {
        return routes;
    }

    /** The port the server listens on (the actual one when 0 was configured). */
    public int port() {
        return webServer.port();
    }

    @Override
    public void close() {
        webServer.stop();
        release.close();
        serving.close();
        observability.close();
        database.close();
        LOG.info("Sextant stopped");
    }
}
