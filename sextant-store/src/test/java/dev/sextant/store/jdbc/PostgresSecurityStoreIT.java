package dev.sextant.store.jdbc;

import dev.sextant.store.testing.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The security kit on PostgreSQL: a fresh database per test. */
class PostgresSecurityStoreIT extends SecurityStoreContract {
    private PostgresServer.Database db;

    @Override
    protected MetadataDatabase openDatabase() {
        db = PostgresServer.shared().createDatabase();
        return MetadataDatabase.open(db.jdbcUrl(), db.user(), db.password());
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }
}
