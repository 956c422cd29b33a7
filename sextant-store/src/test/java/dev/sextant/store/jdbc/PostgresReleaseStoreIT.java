package dev.sextant.store.jdbc;

import dev.sextant.store.testing.PostgresServer;

/** The release kit on PostgreSQL: a fresh database per test. */
class PostgresReleaseStoreIT extends ReleaseStoreContract {

    @Override
    protected MetadataDatabase openDatabase() {
        PostgresServer.Database db = PostgresServer.shared().createDatabase();
        return MetadataDatabase.open(db.jdbcUrl(), db.user(), db.password());
    }
}
