package dev.sextant.registry.lineage;

import dev.sextant.api.SextantException;
import dev.sextant.registry.DeploymentReferences;
import dev.sextant.registry.ModelUri;
import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.RegistryService;
import dev.sextant.tracking.Dataset;
import dev.sextant.tracking.DatasetInput;
import dev.sextant.tracking.Run;
import dev.sextant.tracking.Tag;
import dev.sextant.tracking.TrackingService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lineage graph dataset version → run → model version → deployment, asked from either end:
 * which data and code made a model ({@link #upstream}), and which models were trained on a
 * dataset version ({@link #downstream}). Built from what tracking and the registry already
 * record, so it needs no bookkeeping of its own.
 */
public final class LineageService {
    static final String UPSTREAM = "upstream";
    static final String DOWNSTREAM = "downstream";
    private static final String CONTEXT_TAG = "mlflow.data.context";

    private final RegistryService registry;
    private final TrackingService tracking;
    private final LineageStore store;
    private final DeploymentReferences deployments;
    private final EvaluationReferences evaluations;

    public LineageService(RegistryService registry, TrackingService tracking, LineageStore store,
                          DeploymentReferences deployments) {
        this(registry, tracking, store, deployments, EvaluationReferences.NONE);
    }

    public LineageService(RegistryService registry, TrackingService tracking, LineageStore store,
                          DeploymentReferences deployments, EvaluationReferences evaluations) {
        this.registry = registry;
        this.tracking = tracking;
        this.store = store;
        this.deployments = deployments;
        this.evaluations = evaluations;
    }

    /**
     * What made the model a URI names: its run, the run's code and environment, the datasets it
     * read, and the dataset versions the model version was evaluated on.
     */
    public LineageGraph upstream(String modelUri) {
        ModelUri uri = ModelUri.parse(modelUri);
        GraphBuilder graph = new GraphBuilder();
        if (uri instanceof ModelUri.RunArtifact artifact) {
            return graph.build(runWithInputs(graph, tracking.getRun(artifact.runId())), UPSTREAM);
        }
        ModelVersion version = registry.resolve(uri);
        String root = graph.modelVersion(version);
        if (!version.runId().isEmpty()) {
            String run = runWithInputs(graph, tracking.getRun(version.runId()));
            graph.edge(run, root, LineageEdge.PRODUCED, "");
        }
        evaluations.evaluatedOn(version.name(), version.version())
                .forEach(d -> graph.edge(graph.datasetVersion(d), root, LineageEdge.EVALUATED_ON, ""));
        deployments.deploymentsOf(version.name(), version.version())
                .forEach(d -> graph.edge(root, graph.deployment(d), LineageEdge.SERVES, ""));
        return graph.build(root, UPSTREAM);
    }

    /**
     * What was made from a dataset version: the runs that read it, their model versions and
     * deployments, and the model versions evaluated on it. {@code datasetDigest} is the whole
     * SHA-256 or the digest a run input recorded (for Sextant's training, its first 32 characters).
     */
    public LineageGraph downstream(String datasetDigest) {
        if (datasetDigest.isBlank()) {
            throw SextantException.missingParameter("dataset_digest");
        }
        // A shortened digest is widened to the whole SHA-256 its inputs carry, so the graph holds every use of the bytes.
        List<LineageStore.DatasetUse> asked = DatasetIdentity.isSha256(datasetDigest) ? List.of()
                : store.usesOfDataset(datasetDigest);
        String key = DatasetIdentity.isSha256(datasetDigest) ? datasetDigest : asked.stream()
                .map(use -> DatasetIdentity.of(use.dataset()).key()).filter(DatasetIdentity::isSha256)
                .findFirst().orElse(datasetDigest);
        List<LineageStore.DatasetUse> uses = DatasetIdentity.isSha256(key) ? usesOfBytes(key) : asked;
        List<EvaluationReferences.Evaluated> evaluated = evaluations.evaluatedWith(key);
        if (uses.isEmpty() && evaluated.isEmpty()) {
            throw SextantException.notFound("No run recorded a dataset with digest '" + datasetDigest
                    + "' as an input, and no model version was evaluated on it. Runs record their datasets with "
                    + "log-inputs; evaluations on a dataset version (datasets:/NAME/V) record it.");
        }
        GraphBuilder graph = new GraphBuilder();
        String root = uses.isEmpty() ? graph.datasetVersion(evaluated.get(0).dataset())
                : graph.dataset(uses.get(0).dataset());
        for (EvaluationReferences.Evaluated e : evaluated) {
            existing(e.model(), e.version()).ifPresent(version -> graph.edge(graph.datasetVersion(e.dataset()),
                    graph.modelVersion(version), LineageEdge.EVALUATED_ON, ""));
        }
        Map<String, String> runNodes = new LinkedHashMap<>();
        for (LineageStore.DatasetUse use : uses) {
            String run = runNodes.computeIfAbsent(use.runId(), id -> graph.run(tracking.getRun(id)));
            graph.edge(root, run, LineageEdge.TRAINED, use.context());
        }
        for (ModelVersion version : registry.versionsFromRuns(List.copyOf(runNodes.keySet()))) {
            String node = graph.modelVersion(version);
            graph.edge(runNodes.get(version.runId()), node, LineageEdge.PRODUCED, "");
            deployments.deploymentsOf(version.name(), version.version())
                    .forEach(d -> graph.edge(node, graph.deployment(d), LineageEdge.SERVES, ""));
        }
        return graph.build(root, DOWNSTREAM);
    }

    /**
     * The run inputs of the bytes with this SHA-256: recorded with the whole digest, or (as
     * Sextant's training records them) with MLflow's shortened one and the whole one in the
     * profile; see {@link DatasetIdentity}.
     */
    private List<LineageStore.DatasetUse> usesOfBytes(String sha256) {
        Map<String, LineageStore.DatasetUse> found = new LinkedHashMap<>();
        for (String digest : List.of(Dataset.shortDigest(sha256), sha256)) {
            store.usesOfDataset(digest).stream().filter(use -> DatasetIdentity.of(use.dataset()).key().equals(sha256))
                    .forEach(use -> found.putIfAbsent(use.runId() + " " + use.context(), use));
        }
        return List.copyOf(found.values());
    }

    /** The version, unless it was deleted after its evaluation (evaluations outlive versions). */
    private Optional<ModelVersion> existing(String model, long version) {
        try {
            return Optional.of(registry.getModelVersion(model, version));
        } catch (SextantException e) {
            if (e.code().httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String runWithInputs(GraphBuilder graph, Run run) {
        String node = graph.run(run);
        for (DatasetInput input : run.inputs()) {
            String context = input.tags().stream().filter(t -> t.key().equals(CONTEXT_TAG)).map(Tag::value)
                    .findFirst().orElse("");
            graph.edge(graph.dataset(input.dataset()), node, LineageEdge.TRAINED, context);
        }
        return node;
    }
}
