package dev.sextant.store.jdbc;

import dev.sextant.store.testing.PostgresServer;
import java.nio.file.Path;

/**
 * Metric log crash recovery on PostgreSQL. The server takes metric points directly there, but the
 * recovery statements are shared SQL and must work on both databases.
 */
class PostgresMetricLogRecoveryIT extends MetricLogRecoveryContract {
    @Override
    protected Target target(Path dir) {
        PostgresServer.Database db = PostgresServer.shared().createDatabase();
        return new Target(db.jdbcUrl(), db.user(), db.password());
    }
}
