package dev.sextant.registry.lineage;

import java.util.List;
import java.util.Map;

/** One thing in a lineage graph. Ids are unique in a graph: {@code dataset:<digest>}, {@code run:<id>}, … */
public sealed interface LineageNode {

    String id();

    /** A dataset version, identified by its content digest. */
    record DatasetVersion(String id, String digest, String name, String sourceType, String source)
            implements LineageNode {
    }

    /**
     * A run, with the code it ran ({@code git_commit}, {@code git_branch}, {@code git_repo_url},
     * {@code entry_point}, {@code git_dirty}) and the environment it ran in ({@code sextant.env.*} tags).
     */
    record Run(String id, String runId, String runName, String experimentId, String status,
               Map<String, String> code, Map<String, String> environment) implements LineageNode {
        public Run {
            code = Map.copyOf(code);
            environment = Map.copyOf(environment);
        }
    }

    /** A registered model version. */
    record ModelVersion(String id, String name, long version, String stage, List<String> aliases,
                        String packageDigest, String source) implements LineageNode {
        public ModelVersion {
            aliases = List.copyOf(aliases);
        }
    }

    /** A deployment serving a model version. */
    record Deployment(String id, String deploymentId, String endpoint) implements LineageNode {
    }
}
