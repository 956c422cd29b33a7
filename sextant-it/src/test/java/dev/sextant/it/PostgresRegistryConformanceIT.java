package dev.sextant.it;

import dev.sextant.store.testing.PostgresServer;
import java.nio.file.Path;

/** The registry conformance suite against PostgreSQL (fails, never skips, without PostgreSQL). */
final class PostgresRegistryConformanceIT extends MlflowRegistryConformanceIT {

    @Override
    ServerProcess.Options serverOptions(Path dataDir) {
        PostgresServer.Database database = PostgresServer.shared().createDatabase();
        return ServerProcess.Options.of(dataDir).withStore(database.jdbcUrl(), database.user(),
                database.password());
    }
}
