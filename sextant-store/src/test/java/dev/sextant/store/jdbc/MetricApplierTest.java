package dev.sextant.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.store.metriclog.MetricLog;
import dev.sextant.tracking.LifecycleStage;
import dev.sextant.tracking.Metric;
import dev.sextant.tracking.MetricBatch;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.RunStatus;
import dev.sextant.tracking.TrackingStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the applier forces the database to disk and records that in the log: what a restart may
 * trust (see {@link MetricLog#replayStart}) depends on it, on the embedded H2 database.
 */
class MetricApplierTest {
    private static final String RUN = "fedcba9876543210fedcba9876543210";
    private static final Duration NEVER = Duration.ofDays(1);

    @TempDir
    Path dir;
    private String url;

    @BeforeEach
    void createRun() {
        url = MetadataDatabase.embeddedUrl(dir.resolve("data"));
        try (MetadataDatabase db = MetadataDatabase.open(url, "sa", "")) {
            TrackingStore store = db.trackingStore();
            String experiment = store.createExperiment("durable", "", "file:///tmp", List.of(), 0);
            store.createRun(new RunInfo(RUN, "r", experiment, "u", RunStatus.RUNNING, 0, OptionalLong.empty(), "a",
                    LifecycleStage.ACTIVE), List.of());
        }
    }

    @Test
    void aNewLogTrustsNoApplyMadeAfterItsStart() throws Exception {
        try (Connection keepAlive = DriverManager.getConnection(url, "sa", "")) {
            MetricFolder folder = folder();
            try (MetricLog log = MetricLog.open(dir.resolve("log"), folder.appliedOffset());
                 MetricApplier applier = MetricApplier.start(log, folder, NEVER)) {
                long start = log.end();
                applier.submit(RUN, batch(0));
                applier.awaitRun(RUN);
                long applied = folder.appliedOffset();
                assertThat(applied).isGreaterThan(start);
                assertThat(log.replayStart(applied))
                        .as("no segment filled and the interval not reached: replay from the start's forced write")
                        .isEqualTo(start);
            }
        }
    }

    @Test
    void appliesAreForcedOnceTheIntervalHasPassed() throws Exception {
        try (Connection keepAlive = DriverManager.getConnection(url, "sa", "")) {
            MetricFolder folder = folder();
            try (MetricLog log = MetricLog.open(dir.resolve("log"), folder.appliedOffset());
                 MetricApplier applier = MetricApplier.start(log, folder, Duration.ZERO)) {
                applier.submit(RUN, batch(0));
                applier.awaitRun(RUN);
                long applied = folder.appliedOffset();
                // The applier marks the forced write just after it lets readers see the apply.
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (log.replayStart(applied) < applied && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(log.replayStart(applied)).as("nothing applied is left to undo").isEqualTo(applied);
            }
        }
    }

    private MetricFolder folder() {
        Jdbi jdbi = Jdbi.create(url, "sa", "");
        jdbi.getConfig(SqlStatements.class).setTemplateEngine(TemplateEngine.NOP);
        return new MetricFolder(new Transactor(jdbi, Dialect.of(url)));
    }

    private static MetricBatch batch(int first) {
        return MetricBatch.of(List.of(new Metric("loss", 0.5, 1_000 + first, first),
                new Metric("loss", 0.25, 1_001 + first, first + 1)));
    }
}
