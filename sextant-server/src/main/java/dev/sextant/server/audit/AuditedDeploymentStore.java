package dev.sextant.server.audit;

import dev.sextant.serving.deployment.Deployment;
import dev.sextant.serving.deployment.DeploymentJson;
import dev.sextant.serving.deployment.DeploymentStore;
import java.util.List;
import java.util.Optional;

/**
 * Audits every change to a deployment with its state before and after: creation, each new
 * generation (spec changes, blue/green switches, canary steps, promotions and rollbacks, whether
 * a caller or the rollout controller made them) and deletion. A write that loses a race to
 * another writer changed nothing and is not recorded.
 */
public final class AuditedDeploymentStore implements DeploymentStore {
    private static final String DEPLOYMENT = "deployment";

    private final DeploymentStore store;
    private final AuditTrail audit;

    public AuditedDeploymentStore(DeploymentStore store, AuditTrail audit) {
        this.store = store;
        this.audit = audit;
    }

    @Override
    public boolean create(Deployment deployment) {
        boolean created = store.create(deployment);
        if (created) {
            audit.record("deployment.create", DEPLOYMENT, deployment.name(), "", state(deployment));
        }
        return created;
    }

    @Override
    public boolean update(Deployment deployment, long expectedGeneration) {
        String before = store.get(deployment.name()).map(AuditedDeploymentStore::state).orElse("");
        boolean updated = store.update(deployment, expectedGeneration);
        if (updated) {
            audit.record("deployment.update", DEPLOYMENT, deployment.name(), before, state(deployment));
        }
        return updated;
    }

    @Override
    public Optional<Deployment> get(String name) {
        return store.get(name);
    }

    @Override
    public List<Deployment> list() {
        return store.list();
    }

    @Override
    public boolean delete(String name) {
        String before = store.get(name).map(AuditedDeploymentStore::state).orElse("");
        boolean deleted = store.delete(name);
        if (deleted) {
            audit.record("deployment.delete", DEPLOYMENT, name, before, "");
        }
        return deleted;
    }

    @Override
    public List<String> servingVersion(String modelName, long version) {
        return store.servingVersion(modelName, version);
    }

    private static String state(Deployment deployment) {
        return DeploymentJson.write(deployment).toString();
    }
}
