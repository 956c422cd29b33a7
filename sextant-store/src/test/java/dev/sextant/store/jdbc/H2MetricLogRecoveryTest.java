package dev.sextant.store.jdbc;

import java.nio.file.Path;

/** Metric log crash recovery on the embedded default, an H2 file database. */
class H2MetricLogRecoveryTest extends MetricLogRecoveryContract {
    @Override
    protected Target target(Path dir) {
        return new Target(MetadataDatabase.embeddedUrl(dir), "sa", "");
    }
}
