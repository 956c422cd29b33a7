package dev.sextant.registry;

import dev.sextant.tracking.Tag;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Persistence port of the model registry. Implementations commit every change before returning.
 * Writes to a model or version that does not exist fail with {@code RESOURCE_DOES_NOT_EXIST}
 * ({@link RegistryErrors}); inputs arrive already validated by {@link RegistryService}.
 */
public interface RegistryStore {

    // ---- registered models

    /** Fails with RESOURCE_ALREADY_EXISTS when the name is taken. */
    void createRegisteredModel(String name, String description, List<Tag> tags, long now);

    Optional<RegisteredModel> getRegisteredModel(String name);

    void updateRegisteredModel(String name, String description, long now);

    /** The versions, tags and aliases follow the model. Fails with RESOURCE_ALREADY_EXISTS when {@code newName} is taken. */
    void renameRegisteredModel(String name, String newName, long now);

    /**
     * Deletes the model with its versions, tags and aliases, unless one of its versions is in an
     * active stage (Staging, Production) or has an alias, checked in the same transaction; returns
     * whether it deleted.
     */
    boolean deleteRegisteredModel(String name);

    /** Registered models ordered by the query, then by name. */
    List<RegisteredModel> searchRegisteredModels(RegistryQuery query);

    void setRegisteredModelTag(String name, Tag tag);

    /** Deleting a tag that is not set does nothing, as in MLflow. */
    void deleteRegisteredModelTag(String name, String key);

    // ---- versions

    /**
     * Stores the next version of the model: one more than the highest number ever given to a
     * version of it, also when versions are created concurrently. Returns the stored version.
     */
    ModelVersion createModelVersion(NewModelVersion version, long now);

    Optional<ModelVersion> getModelVersion(String name, long version);

    void updateModelVersion(String name, long version, String description, long now);

    /**
     * Moves a version to {@code stage}; with {@code archiveExisting} every other version in that
     * stage moves to Archived in the same transaction.
     */
    void transitionModelVersionStage(String name, long version, Stage stage, boolean archiveExisting, long now);

    /**
     * Deletes the version, its tags and its file digests, unless it is in an active stage or has
     * an alias (checked in the same transaction); returns whether it deleted.
     */
    boolean deleteModelVersion(String name, long version);

    /** Versions ordered by the query, then by name and version descending. */
    List<ModelVersion> searchModelVersions(RegistryQuery query);

    /** The highest-numbered version in each stage that has one. */
    List<ModelVersion> latestVersions(String name);

    void setModelVersionTag(String name, long version, Tag tag);

    /** Deleting a tag that is not set does nothing, as in MLflow. */
    void deleteModelVersionTag(String name, long version, String key);

    // ---- aliases

    /** Points the alias at the version, moving it if it pointed elsewhere. */
    void setAlias(String name, String alias, long version, long now);

    /** Deleting an alias that is not set does nothing, as in MLflow. */
    void deleteAlias(String name, String alias, long now);

    /** The version an alias points to. */
    OptionalLong aliasVersion(String name, String alias);
}
