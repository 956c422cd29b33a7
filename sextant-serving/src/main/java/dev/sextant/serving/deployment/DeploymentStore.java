package dev.sextant.serving.deployment;

import java.util.List;
import java.util.Optional;

/**
 * Storage port for deployments. Every write is committed when it returns. Writes carry the
 * generation they were based on and return false when another writer changed the deployment in
 * between.
 */
public interface DeploymentStore {

    /** Stores a new deployment; false if one of that name exists. */
    boolean create(Deployment deployment);

    /** Replaces the stored deployment if its generation is still {@code expectedGeneration}. */
    boolean update(Deployment deployment, long expectedGeneration);

    Optional<Deployment> get(String name);

    /** All deployments, by name. */
    List<Deployment> list();

    boolean delete(String name);

    /** Deployments serving this model version in one of their slots, by name. */
    List<String> servingVersion(String modelName, long version);
}
