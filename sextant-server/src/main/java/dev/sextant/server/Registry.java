package dev.sextant.server;

import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.registry.DeploymentReferences;
import dev.sextant.registry.DirectChanges;
import dev.sextant.registry.PackageInspector;
import dev.sextant.registry.RegistryService;
import dev.sextant.registry.RegistryStore;
import dev.sextant.registry.lineage.EvaluationReferences;
import dev.sextant.registry.lineage.LineageService;
import dev.sextant.release.evaluation.Evaluation;
import dev.sextant.release.evaluation.EvaluationService;
import dev.sextant.release.evaluation.EvaluationStore;
import dev.sextant.serving.deployment.DeploymentStore;
import dev.sextant.serving.runtime.OnnxSignatureInference;
import dev.sextant.store.jdbc.MetadataDatabase;
import dev.sextant.tracking.TrackingService;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The model registry as the server wires it: versions are registered from packages in the
 * artifact store, signatures missing from an MLmodel are read from the ONNX graph by the serving
 * runtime, and a version served by a deployment is held by it (it cannot be deleted, and lineage
 * shows the deployment). Lineage also shows the dataset versions a version was evaluated on.
 */
public record Registry(RegistryService service, LineageService lineage) {

    public static Registry create(MetadataDatabase database, TrackingService tracking, ArtifactStore artifacts,
                                  Clock clock) {
        return create(database.registryStore(), database, tracking, artifacts, clock);
    }

    /** With the registry's store as given, e.g. wrapped so that every change is audited. */
    public static Registry create(RegistryStore store, MetadataDatabase database, TrackingService tracking,
                                  ArtifactStore artifacts, Clock clock) {
        return create(store, database, tracking, artifacts, DirectChanges.ALLOWED, clock);
    }

    /** With {@code directChanges} deciding which stages and aliases move only through promotions. */
    public static Registry create(RegistryStore store, MetadataDatabase database, TrackingService tracking,
                                  ArtifactStore artifacts, DirectChanges directChanges, Clock clock) {
        DeploymentStore deploymentStore = database.deploymentStore();
        DeploymentReferences deployments = (name, version) -> deploymentStore.servingVersion(name, version).stream()
                .map(deployment -> new DeploymentReferences.Deployment(deployment, "/v2/models/" + deployment))
                .toList();
        RegistryService service = new RegistryService(store, tracking,
                new PackageInspector(artifacts, new OnnxSignatureInference()), deployments, directChanges, clock);
        return new Registry(service, new LineageService(service, tracking, database.lineageStore(), deployments,
                evaluatedOn(database.release().evaluations())));
    }

    /**
     * The dataset versions evaluations name, looked up from either side (evaluations on uploaded
     * files name none).
     */
    private static EvaluationReferences evaluatedOn(EvaluationStore evaluations) {
        return new EvaluationReferences() {
            @Override
            public List<EvaluatedOn> evaluatedOn(String name, long version) {
                Map<String, EvaluatedOn> found = new LinkedHashMap<>();
                for (Evaluation e : evaluations.list(name, OptionalLong.of(version), Optional.empty(),
                        EvaluationService.MAX_LISTED).reversed()) {
                    dataset(e).ifPresent(d -> found.putIfAbsent(d.uri(), d));
                }
                return List.copyOf(found.values());
            }

            @Override
            public List<Evaluated> evaluatedWith(String sha256) {
                Map<String, Evaluated> found = new LinkedHashMap<>();
                for (Evaluation e : evaluations.onDataset(sha256, EvaluationService.MAX_LISTED).reversed()) {
                    dataset(e).ifPresent(d -> found.putIfAbsent(e.model() + "/" + e.version() + " " + d.uri(),
                            new Evaluated(e.model(), e.version(), d)));
                }
                return List.copyOf(found.values());
            }

            private static Optional<EvaluatedOn> dataset(Evaluation e) {
                return e.dataset().version().map(uri -> new EvaluatedOn(uri, e.dataset().name(), e.dataset().sha256()));
            }
        };
    }
}
