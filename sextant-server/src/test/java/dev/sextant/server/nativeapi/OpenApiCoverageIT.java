package dev.sextant.server.nativeapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.server.Registry;
import dev.sextant.server.TestServer;
import dev.sextant.serving.deployment.DeploymentRuntime;
import dev.sextant.serving.deployment.DeploymentService;
import dev.sextant.server.http.Routes;
import dev.sextant.server.training.TrainingApi;
import dev.sextant.store.artifact.LocalArtifactStore;
import dev.sextant.store.jdbc.MetadataDatabase;
import dev.sextant.tracking.TrackingService;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every native route and every inference route is documented in /openapi.json, and the document
 * describes nothing that is not served.
 */
class OpenApiCoverageIT {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @TempDir
    Path dir;

    @Test
    void documentAndRoutesAgree() throws Exception {
        Set<String> served = new TreeSet<>();
        try (MetadataDatabase database = MetadataDatabase.open(MetadataDatabase.embeddedUrl(dir), "", "")) {
            TrackingService tracking = new TrackingService(database.trackingStore(), Clock.systemUTC(),
                    new SecureRandom(), "mlflow-artifacts:");
            Routes routes = NativeApi.routes(tracking, new LocalArtifactStore(dir.resolve("artifacts")),
                    Clock.systemUTC(), "test", 1 << 20);
            routes.routes().forEach(route -> served.add(route.method().text() + " " + NativeApi.PREFIX
                    + route.path().replace("{+", "{")));
            Registry registry = Registry.create(database, tracking, new LocalArtifactStore(dir.resolve("artifacts")),
                    Clock.systemUTC());
            NativeApi.registryRoutes(registry.service(), registry.lineage(), 1 << 20).routes().forEach(route ->
                    served.add(route.method().text() + " " + NativeApi.PREFIX + route.path().replace("{+", "{")));
            TrainingApi.routes(tracking, new LocalArtifactStore(dir.resolve("artifacts")), registry.service(),
                    java.util.Optional.empty(), Clock.systemUTC(), "test", 1 << 20, List.of()).routes().forEach(route ->
                    served.add(route.method().text() + " " + NativeApi.PREFIX + route.path().replace("{+", "{")));
            DeploymentService deployments = new DeploymentService(database.deploymentStore(),
                    uri -> { throw new IllegalStateException("not resolved here"); }, DeploymentRuntime.NONE,
                    Clock.systemUTC());
            NativeApi.deploymentRoutes(deployments, null, 1 << 20).routes().forEach(route ->
                    served.add(route.method().text() + " " + NativeApi.PREFIX + route.path()));
        }
        // The security and release resources share the prefix and the document; the inference routes, the document.
        try (TestServer server = TestServer.start(dir.resolve("server"))) {
            server.routes().stream().filter(route -> route.path().startsWith("/api/v1/tokens")
                            || route.path().startsWith("/api/v1/grants") || route.path().startsWith("/api/v1/audit")
                            || route.path().startsWith("/api/v1/auth") || route.path().endsWith("/signatures")
                            || route.path().startsWith("/api/v1/model-verifications") || release(route.path())
                            || route.path().equals("/v2") || route.path().startsWith("/v2/")
                            || route.path().endsWith("/invocations"))
                    .forEach(route -> served.add(route.method().text() + " " + route.path()));
        }
        Set<String> documented = new TreeSet<>();
        JsonNode paths = new ObjectMapper().readTree(OpenApiDocument.load()).get("paths");
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (HTTP_METHODS.contains(operation.getKey())) {
                documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));

        assertThat(documented).isEqualTo(served);
    }

    /** The release resources (evaluations, gates, approvals, promotions, policies, webhooks) and dataset versions. */
    private static boolean release(String path) {
        return path.contains("/evaluations") || path.contains("/gate-verdicts") || path.contains("/approvals")
                || path.endsWith("/promotions") || path.endsWith("/rollbacks") || path.endsWith("/stage-history")
                || path.endsWith("/release-policy") || path.startsWith("/api/v1/webhooks")
                || path.startsWith("/api/v1/datasets");
    }
}
