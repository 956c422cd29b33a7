package dev.sextant.store.jdbc;

import dev.sextant.store.testing.PostgresServer;

/** The dataset kit on PostgreSQL: a fresh database per test on a throwaway server. */
class PostgresDatasetStoreIT extends DatasetStoreContract {

    @Override
    protected MetadataDatabase openDatabase() {
        PostgresServer.Database db = PostgresServer.shared().createDatabase();
        return MetadataDatabase.open(db.jdbcUrl(), db.user(), db.password());
    }
}
