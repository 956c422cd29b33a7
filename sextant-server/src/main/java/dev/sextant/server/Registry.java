package dev.sextant.server;

import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.registry.DeploymentReferences;
import dev.sextant.registry.PackageInspector;
import dev.sextant.registry.RegistryService;
import dev.sextant.registry.lineage.LineageService;
import dev.sextant.serving.deployment.DeploymentStore;
import dev.sextant.serving.runtime.OnnxSignatureInference;
import dev.sextant.store.jdbc.MetadataDatabase;
import dev.sextant.tracking.TrackingService;
import java.time.Clock;

/**
 * The model registry as the server wires it: versions are registered from packages in the
 * artifact store, signatures missing from an MLmodel are read from the ONNX graph by the serving
 * runtime, and a version served by a deployment is held by it (it cannot be deleted, and lineage
 * shows the deployment).
 */
public record Registry(RegistryService service, LineageService lineage) {

    public static Registry create(MetadataDatabase database, TrackingService tracking, ArtifactStore artifacts,
                                  Clock clock) {
        DeploymentStore store = database.deploymentStore();
        DeploymentReferences deployments = (name, version) -> store.servingVersion(name, version).stream()
                .map(deployment -> new DeploymentReferences.Deployment(deployment, "/v2/models/" + deployment))
                .toList();
        RegistryService service = new RegistryService(database.registryStore(), tracking,
                new PackageInspector(artifacts, new OnnxSignatureInference()), deployments, clock);
        return new Registry(service, new LineageService(service, tracking, database.lineageStore(), deployments));
    }
}
