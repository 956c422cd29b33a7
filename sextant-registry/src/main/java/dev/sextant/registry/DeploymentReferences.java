package dev.sextant.registry;

import java.util.List;

/**
 * Which deployments serve a model version. Serving implements it once deployments exist; until
 * then {@link #NONE} knows of none. The registry asks before it deletes a version, and lineage
 * shows the answers as the last hop (model version → deployment).
 */
@FunctionalInterface
public interface DeploymentReferences {

    /** No deployments anywhere. */
    DeploymentReferences NONE = (name, version) -> List.of();

    /** The deployments currently serving {@code name} version {@code version}. */
    List<Deployment> deploymentsOf(String name, long version);

    /** A deployment that serves a version: its id and the endpoint it answers on. */
    record Deployment(String id, String endpoint) {
    }
}
