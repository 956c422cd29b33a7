package dev.sextant.it;

import dev.sextant.store.testing.PostgresServer;
import java.nio.file.Path;

/**
 * The MLflow client conformance suite against PostgreSQL: a fresh database on the throwaway
 * PostgreSQL server of sextant-store's test kit, which fails (never skips) when PostgreSQL is not
 * installed.
 */
final class PostgresMlflowClientConformanceIT extends MlflowClientConformanceIT {

    @Override
    ServerProcess.Options serverOptions(Path dataDir) {
        PostgresServer.Database database = PostgresServer.shared().createDatabase();
        return ServerProcess.Options.of(dataDir).withStore(database.jdbcUrl(), database.user(),
                database.password());
    }
}
