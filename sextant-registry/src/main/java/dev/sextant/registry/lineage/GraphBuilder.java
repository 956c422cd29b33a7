package dev.sextant.registry.lineage;

import dev.sextant.registry.DeploymentReferences;
import dev.sextant.tracking.Dataset;
import dev.sextant.tracking.Run;
import dev.sextant.tracking.Tag;
import dev.sextant.tracking.provenance.Provenance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Collects nodes and edges once each, in the order they were first met. */
final class GraphBuilder {
    private static final Map<String, String> CODE_TAGS = Map.of(
            Provenance.GIT_COMMIT, "git_commit", Provenance.GIT_BRANCH, "git_branch",
            Provenance.GIT_REPO_URL, "git_repo_url", Provenance.GIT_DIRTY, "git_dirty",
            Provenance.SOURCE_NAME, "entry_point");
    private static final String ENVIRONMENT_PREFIX = "sextant.env.";
    private static final String VERSION_TAG = "sextant.version";

    private final Map<String, LineageNode> nodes = new LinkedHashMap<>();
    private final Set<LineageEdge> edges = new LinkedHashSet<>();

    /** A dataset a run read; the same node as an evaluation's dataset version with the same bytes. */
    String dataset(Dataset dataset) {
        return dataset(DatasetIdentity.of(dataset));
    }

    /** A dataset version of Sextant's own an evaluation ran on, named by its {@code datasets:/…} URI. */
    String datasetVersion(EvaluationReferences.EvaluatedOn dataset) {
        return dataset(DatasetIdentity.of(dataset));
    }

    private String dataset(DatasetIdentity identity) {
        String id = identity.nodeId();
        nodes.putIfAbsent(id, new LineageNode.DatasetVersion(id, identity.key(), identity.name(),
                identity.sourceType(), identity.source()));
        return id;
    }

    String run(Run run) {
        String id = "run:" + run.info().runId();
        Map<String, String> code = new TreeMap<>();
        Map<String, String> environment = new TreeMap<>();
        for (Tag tag : run.data().tags()) {
            String field = CODE_TAGS.get(tag.key());
            if (field != null) {
                code.put(field, tag.value());
            } else if (tag.key().startsWith(ENVIRONMENT_PREFIX) || tag.key().equals(VERSION_TAG)) {
                environment.put(tag.key(), tag.value());
            }
        }
        nodes.putIfAbsent(id, new LineageNode.Run(id, run.info().runId(), run.info().runName(),
                run.info().experimentId(), run.info().status().name(), code, environment));
        return id;
    }

    String modelVersion(dev.sextant.registry.ModelVersion version) {
        String id = "model_version:" + version.name() + "/" + version.version();
        nodes.putIfAbsent(id, new LineageNode.ModelVersion(id, version.name(), version.version(),
                version.currentStage().wireName(), version.aliases(), version.content().packageDigest(),
                version.source()));
        return id;
    }

    String deployment(DeploymentReferences.Deployment deployment) {
        String id = "deployment:" + deployment.id();
        nodes.putIfAbsent(id, new LineageNode.Deployment(id, deployment.id(), deployment.endpoint()));
        return id;
    }

    void edge(String from, String to, String relation, String context) {
        edges.add(new LineageEdge(from, to, relation, context));
    }

    LineageGraph build(String root, String direction) {
        return new LineageGraph(root, direction, new ArrayList<>(nodes.values()), List.copyOf(edges));
    }
}
