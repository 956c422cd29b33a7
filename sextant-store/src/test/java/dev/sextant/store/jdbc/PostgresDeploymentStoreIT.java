package dev.sextant.store.jdbc;

import dev.sextant.store.testing.PostgresServer;

/** The deployment kit on PostgreSQL: a fresh database per test on a throwaway server. */
class PostgresDeploymentStoreIT extends DeploymentStoreContract {

    @Override
    protected MetadataDatabase openDatabase() {
        PostgresServer.Database db = PostgresServer.shared().createDatabase();
        return MetadataDatabase.open(db.jdbcUrl(), db.user(), db.password());
    }
}
