package dev.sextant.registry;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.tracking.Page;
import dev.sextant.tracking.Tag;
import dev.sextant.tracking.TrackingService;
import dev.sextant.tracking.search.Comparison;
import dev.sextant.tracking.search.Entity;
import dev.sextant.tracking.search.Operand;
import dev.sextant.tracking.search.Operator;
import dev.sextant.tracking.search.OrderBy;
import dev.sextant.tracking.search.PageToken;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model registry with MLflow's rules: registered models, versions, stages, aliases and tags,
 * and the resolution of model URIs. Every API (MLflow-compatible, native, CLI) goes through this
 * class. Registering a version reads its package (see {@link PackageReader}); deleting a version
 * that is in use (active stage, alias, deployment) is refused.
 */
public final class RegistryService {
    private final RegistryStore store;
    private final ModelSources sources;
    private final PackageReader packages;
    private final DeploymentReferences deployments;
    private final TrackingService tracking;
    private final DirectChanges directChanges;
    private final Clock clock;

    public RegistryService(RegistryStore store, TrackingService tracking, PackageReader packages,
                           DeploymentReferences deployments, Clock clock) {
        this(store, tracking, packages, deployments, DirectChanges.ALLOWED, clock);
    }

    /** With {@code directChanges} deciding which stages and aliases only promotions may move. */
    public RegistryService(RegistryStore store, TrackingService tracking, PackageReader packages,
                           DeploymentReferences deployments, DirectChanges directChanges, Clock clock) {
        this.directChanges = directChanges;
        this.store = store;
        this.tracking = tracking;
        this.sources = new ModelSources(tracking);
        this.packages = packages;
        this.deployments = deployments;
        this.clock = clock;
    }

    // ---- registered models

    public RegisteredModel createRegisteredModel(String name, String description, List<Tag> tags) {
        RegistryRules.modelName(name, "name");
        RegistryRules.length("description", description, RegistryRules.MAX_DESCRIPTION_LENGTH);
        tags.forEach(RegistryRules::tag);
        store.createRegisteredModel(name, description, lastPerKey(tags), clock.millis());
        return getRegisteredModel(name);
    }

    public RegisteredModel getRegisteredModel(String name) {
        RegistryRules.modelName(name, "name");
        return store.getRegisteredModel(name).orElseThrow(() -> RegistryErrors.modelNotFound(name));
    }

    public RegisteredModel updateRegisteredModel(String name, String description) {
        RegistryRules.modelName(name, "name");
        RegistryRules.length("description", description, RegistryRules.MAX_DESCRIPTION_LENGTH);
        store.updateRegisteredModel(name, description, clock.millis());
        return getRegisteredModel(name);
    }

    public RegisteredModel renameRegisteredModel(String name, String newName) {
        RegistryRules.modelName(name, "name");
        RegistryRules.modelName(newName, "new_name");
        store.renameRegisteredModel(name, newName, clock.millis());
        return getRegisteredModel(newName);
    }

    /** Refused while any version is in use: see {@link #deleteModelVersion}. */
    public void deleteRegisteredModel(String name) {
        getRegisteredModel(name);
        List<String> inUse = new ArrayList<>();
        for (ModelVersion version : versionsOf(name)) {
            usage(version).ifPresent(why -> inUse.add("version " + version.version() + " " + why));
        }
        if (!inUse.isEmpty()) {
            throw inUse("Registered model '" + name + "' cannot be deleted: " + String.join("; ", inUse) + ".");
        }
        if (!store.deleteRegisteredModel(name)) {
            throw new SextantException(ErrorCode.RESOURCE_CONFLICT, "Registered model '" + name
                    + "' changed while it was being deleted (a version was promoted or aliased); check it and retry.");
        }
    }

    public Page<RegisteredModel> searchRegisteredModels(RegistrySearch search) {
        RegistryQuery query = RegistryGrammar.models(search);
        return page(store.searchRegisteredModels(plusOne(query)), query);
    }

    public void setRegisteredModelTag(String name, Tag tag) {
        RegistryRules.modelName(name, "name");
        RegistryRules.tag(tag);
        store.setRegisteredModelTag(name, tag);
    }

    public void deleteRegisteredModelTag(String name, String key) {
        RegistryRules.modelName(name, "name");
        RegistryRules.tagKey(key);
        store.deleteRegisteredModelTag(name, key);
    }

    /** The latest version in each of {@code stages} (all stages when empty) that has one. */
    public List<ModelVersion> getLatestVersions(String name, List<String> stages) {
        List<Stage> wanted = stages.stream().map(Stage::parse).toList();
        getRegisteredModel(name);
        return store.latestVersions(name).stream()
                .filter(version -> wanted.isEmpty() || wanted.contains(version.currentStage()))
                .toList();
    }

    // ---- aliases

    public void setAlias(String name, String alias, String version) {
        RegistryRules.modelName(name, "name");
        RegistryRules.alias(alias);
        long number = RegistryRules.version(version);
        getModelVersion(name, number);
        directChanges.checkAlias(name, alias);
        store.setAlias(name, alias, number, clock.millis());
    }

    public void deleteAlias(String name, String alias) {
        RegistryRules.modelName(name, "name");
        RegistryRules.alias(alias);
        getRegisteredModel(name);
        directChanges.checkAlias(name, alias);
        store.deleteAlias(name, alias, clock.millis());
    }

    public ModelVersion getVersionByAlias(String name, String alias) {
        RegistryRules.modelName(name, "name");
        if (alias.isEmpty()) {
            throw SextantException.missingParameter("alias");
        }
        getRegisteredModel(name);
        long version = store.aliasVersion(name, alias).orElseThrow(() -> RegistryErrors.aliasNotFound(alias));
        return getModelVersion(name, version);
    }

    // ---- versions

    /**
     * Registers the next version of a model from its source: the package is read and checked,
     * and the digest of every file and the signature are recorded with the version.
     */
    public ModelVersion createModelVersion(NewVersionRequest request) {
        RegistryRules.modelName(request.name(), "name");
        if (request.source().isEmpty()) {
            throw SextantException.missingParameter("source");
        }
        RegistryRules.length("source", request.source(), RegistryRules.MAX_SOURCE_LENGTH);
        RegistryRules.length("run_link", request.runLink(), RegistryRules.MAX_RUN_LINK_LENGTH);
        RegistryRules.length("description", request.description(), RegistryRules.MAX_DESCRIPTION_LENGTH);
        request.tags().forEach(RegistryRules::tag);
        getRegisteredModel(request.name());
        PackageLocation location = sources.locate(request.source(), this::resolve);
        String runId = runId(request, location);
        ModelContent content = packages.read(location);
        return store.createModelVersion(new NewModelVersion(request.name(), request.source(), runId, request.runLink(),
                request.description(), "", lastPerKey(request.tags()), content), clock.millis());
    }

    public ModelVersion getModelVersion(String name, String version) {
        RegistryRules.modelName(name, "name");
        return getModelVersion(name, RegistryRules.version(version));
    }

    public ModelVersion getModelVersion(String name, long version) {
        return store.getModelVersion(name, version).orElseThrow(() -> RegistryErrors.versionNotFound(name, version));
    }

    public ModelVersion updateModelVersion(String name, String version, String description) {
        ModelVersion existing = getModelVersion(name, version);
        RegistryRules.length("description", description, RegistryRules.MAX_DESCRIPTION_LENGTH);
        store.updateModelVersion(name, existing.version(), description, clock.millis());
        return getModelVersion(name, existing.version());
    }

    public ModelVersion transitionStage(String name, String version, String stage, boolean archiveExisting) {
        if (stage.isEmpty()) {
            throw SextantException.missingParameter("stage");
        }
        Stage target = Stage.parse(stage);
        if (archiveExisting && !target.active()) {
            throw SextantException.invalid("Model version transition cannot archive existing model versions because '"
                    + stage + "' is not an Active stage. Valid stages are ['Staging', 'Production']");
        }
        ModelVersion existing = getModelVersion(name, version);
        directChanges.checkStage(name, existing.version(), existing.currentStage(), target);
        store.transitionModelVersionStage(name, existing.version(), target, archiveExisting, clock.millis());
        return getModelVersion(name, existing.version());
    }

    /**
     * Deletes a version that nothing uses. A version in Staging or Production, with an alias, or
     * served by a deployment is refused (409) with what uses it and how to release it.
     */
    public void deleteModelVersion(String name, String version) {
        ModelVersion existing = getModelVersion(name, version);
        Optional<String> usage = usage(existing);
        if (usage.isPresent()) {
            throw inUse("Model version " + existing.version() + " of '" + name + "' cannot be deleted: it "
                    + usage.get() + ". Transition it to Archived or None, delete its aliases and undeploy it first.");
        }
        if (!store.deleteModelVersion(name, existing.version())) {
            throw new SextantException(ErrorCode.RESOURCE_CONFLICT, "Model version " + existing.version() + " of '"
                    + name + "' was promoted or aliased while it was being deleted; check it and retry.");
        }
    }

    public Page<ModelVersion> searchModelVersions(RegistrySearch search) {
        RegistryQuery query = RegistryGrammar.versions(search);
        return page(store.searchModelVersions(plusOne(query)), query);
    }

    /** Every version registered from one of these runs, newest first. */
    public List<ModelVersion> versionsFromRuns(List<String> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        Comparison fromRuns = new Comparison(Entity.ATTRIBUTE, "run_id", Operator.IN, new Operand.TextList(runIds));
        return store.searchModelVersions(new RegistryQuery(List.of(fromRuns),
                List.of(new OrderBy(Entity.ATTRIBUTE, "creation_timestamp", false)), 0,
                RegistryGrammar.VERSIONS_MAX_RESULTS));
    }

    /** Where a client downloads the version's package from (MLflow's {@code get-download-uri}). */
    public String getDownloadUri(String name, String version) {
        return getModelVersion(name, version).content().storageLocation();
    }

    public void setModelVersionTag(String name, String version, Tag tag) {
        RegistryRules.tag(tag);
        ModelVersion existing = getModelVersion(name, version);
        store.setModelVersionTag(name, existing.version(), tag);
    }

    public void deleteModelVersionTag(String name, String version, String key) {
        RegistryRules.tagKey(key);
        ModelVersion existing = getModelVersion(name, version);
        store.deleteModelVersionTag(name, existing.version(), key);
    }

    // ---- model URIs

    /** The version a model URI names. */
    public ModelVersion resolve(String uri) {
        return resolve(ModelUri.parse(uri));
    }

    /** The version a registry URI names; a {@code runs:/} URI names no version and is refused. */
    public ModelVersion resolve(ModelUri uri) {
        return switch (uri) {
            case ModelUri.Version v -> getModelVersion(checkedName(v.name()), v.version());
            case ModelUri.Alias a -> getVersionByAlias(checkedName(a.name()), a.alias());
            case ModelUri.LatestInStage s -> latest(s.name(), Optional.of(s.stage())).orElseThrow(() ->
                    SextantException.notFound("No version of registered model '" + s.name() + "' is in stage '"
                            + s.stage().wireName() + "' (" + uri.uri() + ")."));
            case ModelUri.Latest l -> latest(l.name(), Optional.empty()).orElseThrow(() ->
                    SextantException.notFound("Registered model '" + l.name() + "' has no versions yet ("
                            + uri.uri() + ")."));
            case ModelUri.RunArtifact r -> throw SextantException.invalid("'" + uri.uri() + "' names the artifacts "
                    + "of run " + r.runId() + ", not a registered model version. Use a models:/ URI.");
        };
    }

    // ---- rules

    private Optional<ModelVersion> latest(String name, Optional<Stage> stage) {
        getRegisteredModel(checkedName(name));
        return store.latestVersions(name).stream()
                .filter(version -> stage.isEmpty() || version.currentStage() == stage.get())
                .max(Comparator.comparingLong(ModelVersion::version));
    }

    private static String checkedName(String name) {
        RegistryRules.modelName(name, "name");
        return name;
    }

    /** What uses a version, in words ("is in stage 'Production' and has alias 'champion'"), if anything. */
    private Optional<String> usage(ModelVersion version) {
        List<String> uses = new ArrayList<>();
        if (version.currentStage().active()) {
            uses.add("is in stage '" + version.currentStage().wireName() + "'");
        }
        if (!version.aliases().isEmpty()) {
            uses.add("has alias" + (version.aliases().size() > 1 ? "es " : " ") + String.join(", ",
                    version.aliases().stream().map(a -> "'" + a + "'").toList()));
        }
        List<DeploymentReferences.Deployment> serving = deployments.deploymentsOf(version.name(), version.version());
        if (!serving.isEmpty()) {
            uses.add("is served by deployment" + (serving.size() > 1 ? "s " : " ") + String.join(", ",
                    serving.stream().map(d -> "'" + d.id() + "' (endpoint " + d.endpoint() + ")").toList()));
        }
        return uses.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", uses));
    }

    private static SextantException inUse(String message) {
        return new SextantException(ErrorCode.RESOURCE_CONFLICT, message);
    }

    private List<ModelVersion> versionsOf(String name) {
        Comparison sameName = new Comparison(Entity.ATTRIBUTE, "name", Operator.EQ, new Operand.Text(name));
        return store.searchModelVersions(new RegistryQuery(List.of(sameName), List.of(), 0,
                RegistryGrammar.VERSIONS_MAX_RESULTS));
    }

    /** The run the version came from: the request's, else the source's; both given must agree. */
    private String runId(NewVersionRequest request, PackageLocation location) {
        if (request.runId().isEmpty()) {
            return location.runId();
        }
        if (request.source().startsWith("runs:/") && !request.runId().equals(location.runId())) {
            throw SextantException.invalid("Invalid source: '" + request.source() + "' belongs to run "
                    + location.runId() + " but run_id is '" + request.runId() + "'. Give the same run in both, "
                    + "or leave run_id out.");
        }
        return tracking.getRunInfo(request.runId()).runId();
    }

    private static List<Tag> lastPerKey(List<Tag> tags) {
        Map<String, Tag> byKey = new LinkedHashMap<>();
        tags.forEach(tag -> byKey.put(tag.key(), tag));
        return List.copyOf(byKey.values());
    }

    private static RegistryQuery plusOne(RegistryQuery query) {
        return new RegistryQuery(query.filter(), query.orderBy(), query.offset(), query.limit() + 1);
    }

    private static <T> Page<T> page(List<T> fetched, RegistryQuery query) {
        if (fetched.size() > query.limit()) {
            return new Page<>(fetched.subList(0, query.limit()),
                    Optional.of(PageToken.encode(query.offset() + query.limit())));
        }
        return new Page<>(fetched, Optional.empty());
    }
}
