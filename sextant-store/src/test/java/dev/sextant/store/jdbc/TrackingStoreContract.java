package dev.sextant.store.jdbc;

import dev.sextant.tracking.TrackingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The compatibility kit for {@link TrackingStore}: every behaviour the port promises, run
 * against each database by a subclass that says how to open a fresh, empty one.
 */
public abstract class TrackingStoreContract implements ExperimentContract, RunContract, LogBatchContract,
        MetricHistoryContract, RunSearchContract, RunSearchPagingContract, ExperimentSearchContract {

    private MetadataDatabase database;

    /** A migrated database with no data in it; the kit closes it after each test. */
    protected abstract MetadataDatabase openDatabase();

    @BeforeEach
    final void openFreshDatabase() {
        database = openDatabase();
    }

    @AfterEach
    final void closeDatabase() {
        database.close();
    }

    @Override
    public final TrackingStore store() {
        return database.trackingStore();
    }
}
