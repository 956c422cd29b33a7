package dev.sextant.data.version;

import java.util.List;
import java.util.Optional;

/** Persistence port of datasets and their versions; implementations commit before returning. */
public interface DatasetStore {

    /**
     * Stores {@code version} as the dataset's next version, creating the dataset (with
     * {@code description}) when it is new, unless the latest version has the same digest: then
     * that version is the answer and nothing changes. Concurrent pushes to one dataset get
     * distinct numbers; numbers are never reused, even after a deletion.
     */
    Pushed push(NewDatasetVersion version, String description);

    /** Every dataset, by name. */
    List<DatasetInfo> list();

    Optional<DatasetInfo> get(String name);

    /** The dataset's versions, newest first. */
    List<DatasetVersion> versions(String name);

    Optional<DatasetVersion> version(String name, long version);

    Optional<DatasetVersion> latest(String name);

    /** Removes one version's record (its bytes stay in the artifact store); whether it existed. */
    boolean deleteVersion(String name, long version);

    /** The version a push ended at, and whether the push created it. */
    record Pushed(DatasetVersion version, boolean created) {
    }
}
