package dev.sextant.server.audit;

import dev.sextant.registry.Alias;
import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.NewModelVersion;
import dev.sextant.registry.RegisteredModel;
import dev.sextant.registry.RegistryQuery;
import dev.sextant.registry.RegistryStore;
import dev.sextant.registry.Stage;
import dev.sextant.tracking.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Audits every change to the model registry: registered models, versions (with their package
 * digest), stage transitions, aliases and tags, each with its state before and after.
 */
public final class AuditedRegistryStore implements RegistryStore {
    private static final String MODEL = "registered-model";
    private static final String VERSION = "model-version";

    private final RegistryStore store;
    private final AuditTrail audit;
    private final java.util.function.Consumer<ModelVersion> onRegistered;

    /** {@code onRegistered} runs after each new version is stored and audited (the server signs it there). */
    public AuditedRegistryStore(RegistryStore store, AuditTrail audit,
                                java.util.function.Consumer<ModelVersion> onRegistered) {
        this.store = store;
        this.audit = audit;
        this.onRegistered = onRegistered;
    }

    @Override
    public void createRegisteredModel(String name, String description, List<Tag> tags, long now) {
        store.createRegisteredModel(name, description, tags, now);
        audit.record("registered-model.create", MODEL, name, "", model(name));
    }

    @Override
    public Optional<RegisteredModel> getRegisteredModel(String name) {
        return store.getRegisteredModel(name);
    }

    @Override
    public void updateRegisteredModel(String name, String description, long now) {
        String before = model(name);
        store.updateRegisteredModel(name, description, now);
        audit.record("registered-model.update", MODEL, name, before, model(name));
    }

    @Override
    public void renameRegisteredModel(String name, String newName, long now) {
        String before = model(name);
        store.renameRegisteredModel(name, newName, now);
        audit.record("registered-model.rename", MODEL, name, before, model(newName));
    }

    @Override
    public boolean deleteRegisteredModel(String name) {
        String before = model(name);
        boolean deleted = store.deleteRegisteredModel(name);
        if (deleted) {
            audit.record("registered-model.delete", MODEL, name, before, "");
        }
        return deleted;
    }

    @Override
    public List<RegisteredModel> searchRegisteredModels(RegistryQuery query) {
        return store.searchRegisteredModels(query);
    }

    @Override
    public void setRegisteredModelTag(String name, Tag tag) {
        String before = model(name);
        store.setRegisteredModelTag(name, tag);
        audit.record("registered-model.tag.set", MODEL, name, before, model(name));
    }

    @Override
    public void deleteRegisteredModelTag(String name, String key) {
        String before = model(name);
        store.deleteRegisteredModelTag(name, key);
        audit.record("registered-model.tag.delete", MODEL, name, before, model(name));
    }

    @Override
    public ModelVersion createModelVersion(NewModelVersion version, long now) {
        ModelVersion created = store.createModelVersion(version, now);
        audit.record("model-version.create", VERSION, id(created.name(), created.version()), "",
                version(created.name(), created.version()));
        onRegistered.accept(created);
        return created;
    }

    @Override
    public Optional<ModelVersion> getModelVersion(String name, long version) {
        return store.getModelVersion(name, version);
    }

    @Override
    public void updateModelVersion(String name, long version, String description, long now) {
        String before = version(name, version);
        store.updateModelVersion(name, version, description, now);
        audit.record("model-version.update", VERSION, id(name, version), before, version(name, version));
    }

    @Override
    public void transitionModelVersionStage(String name, long version, Stage stage, boolean archiveExisting, long now) {
        String before = version(name, version);
        store.transitionModelVersionStage(name, version, stage, archiveExisting, now);
        audit.record("model-version.transition-stage", VERSION, id(name, version), before, version(name, version));
    }

    @Override
    public boolean deleteModelVersion(String name, long version) {
        String before = version(name, version);
        boolean deleted = store.deleteModelVersion(name, version);
        if (deleted) {
            audit.record("model-version.delete", VERSION, id(name, version), before, "");
        }
        return deleted;
    }

    @Override
    public List<ModelVersion> searchModelVersions(RegistryQuery query) {
        return store.searchModelVersions(query);
    }

    @Override
    public List<ModelVersion> latestVersions(String name) {
        return store.latestVersions(name);
    }

    @Override
    public void setModelVersionTag(String name, long version, Tag tag) {
        String before = version(name, version);
        store.setModelVersionTag(name, version, tag);
        audit.record("model-version.tag.set", VERSION, id(name, version), before, version(name, version));
    }

    @Override
    public void deleteModelVersionTag(String name, long version, String key) {
        String before = version(name, version);
        store.deleteModelVersionTag(name, version, key);
        audit.record("model-version.tag.delete", VERSION, id(name, version), before, version(name, version));
    }

    @Override
    public void setAlias(String name, String alias, long version, long now) {
        String before = model(name);
        store.setAlias(name, alias, version, now);
        audit.record("registered-model.alias.set", MODEL, name, before, model(name));
    }

    @Override
    public void deleteAlias(String name, String alias, long now) {
        String before = model(name);
        store.deleteAlias(name, alias, now);
        audit.record("registered-model.alias.delete", MODEL, name, before, model(name));
    }

    @Override
    public OptionalLong aliasVersion(String name, String alias) {
        return store.aliasVersion(name, alias);
    }

    static String id(String name, long version) {
        return name + "/" + version;
    }

    private String model(String name) {
        return store.getRegisteredModel(name).map(m -> {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("name", m.name());
            state.put("description", m.description());
            state.put("tags", tags(m.tags()));
            Map<String, Long> aliases = new LinkedHashMap<>();
            for (Alias alias : m.aliases()) {
                aliases.put(alias.alias(), alias.version());
            }
            state.put("aliases", aliases);
            return AuditTrail.json(state);
        }).orElse("");
    }

    private String version(String name, long number) {
        return store.getModelVersion(name, number).map(v -> {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("stage", v.currentStage().wireName());
            state.put("description", v.description());
            state.put("source", v.source());
            state.put("run_id", v.runId());
            state.put("package_digest", v.content().packageDigest());
            state.put("aliases", v.aliases());
            state.put("tags", tags(v.tags()));
            return AuditTrail.json(state);
        }).orElse("");
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach(t -> out.put(t.key(), t.value()));
        return out;
    }
}
