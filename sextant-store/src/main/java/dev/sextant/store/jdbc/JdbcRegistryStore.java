package dev.sextant.store.jdbc;

import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.NewModelVersion;
import dev.sextant.registry.RegisteredModel;
import dev.sextant.registry.RegistryQuery;
import dev.sextant.registry.RegistryStore;
import dev.sextant.registry.Stage;
import dev.sextant.tracking.Tag;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** {@link RegistryStore} over Jdbi; each operation is one transaction. */
final class JdbcRegistryStore implements RegistryStore {
    private final Transactor tx;
    private final RegisteredModels models;
    private final ModelVersions versions;

    JdbcRegistryStore(Transactor tx) {
        this.tx = tx;
        this.models = new RegisteredModels(tx);
        this.versions = new ModelVersions(tx);
    }

    @Override
    public void createRegisteredModel(String name, String description, List<Tag> tags, long now) {
        models.create(name, description, tags, now);
    }

    @Override
    public Optional<RegisteredModel> getRegisteredModel(String name) {
        return models.get(name);
    }

    @Override
    public void updateRegisteredModel(String name, String description, long now) {
        models.update(name, description, now);
    }

    @Override
    public void renameRegisteredModel(String name, String newName, long now) {
        models.rename(name, newName, now);
    }

    @Override
    public boolean deleteRegisteredModel(String name) {
        return models.delete(name);
    }

    @Override
    public List<RegisteredModel> searchRegisteredModels(RegistryQuery query) {
        Sql sql = RegistrySearch.models(query);
        return tx.read(handle -> RegisteredModels.load(handle, sql));
    }

    @Override
    public void setRegisteredModelTag(String name, Tag tag) {
        models.setTag(name, tag);
    }

    @Override
    public void deleteRegisteredModelTag(String name, String key) {
        models.deleteTag(name, key);
    }

    @Override
    public ModelVersion createModelVersion(NewModelVersion version, long now) {
        return versions.create(version, now);
    }

    @Override
    public Optional<ModelVersion> getModelVersion(String name, long version) {
        return versions.get(name, version);
    }

    @Override
    public void updateModelVersion(String name, long version, String description, long now) {
        versions.update(name, version, description, now);
    }

    @Override
    public void transitionModelVersionStage(String name, long version, Stage stage, boolean archiveExisting, long now) {
        versions.transition(name, version, stage, archiveExisting, now);
    }

    @Override
    public boolean deleteModelVersion(String name, long version) {
        return versions.delete(name, version);
    }

    @Override
    public List<ModelVersion> searchModelVersions(RegistryQuery query) {
        Sql sql = RegistrySearch.versions(query);
        return tx.read(handle -> VersionLoader.load(handle, sql));
    }

    @Override
    public List<ModelVersion> latestVersions(String name) {
        return versions.latest(name);
    }

    @Override
    public void setModelVersionTag(String name, long version, Tag tag) {
        versions.setTag(name, version, tag);
    }

    @Override
    public void deleteModelVersionTag(String name, long version, String key) {
        versions.deleteTag(name, version, key);
    }

    @Override
    public void setAlias(String name, String alias, long version, long now) {
        models.setAlias(name, alias, version, now);
    }

    @Override
    public void deleteAlias(String name, String alias, long now) {
        models.deleteAlias(name, alias, now);
    }

    @Override
    public OptionalLong aliasVersion(String name, String alias) {
        return models.aliasVersion(name, alias);
    }
}
