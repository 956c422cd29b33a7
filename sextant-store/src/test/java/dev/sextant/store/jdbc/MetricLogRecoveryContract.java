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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A crash may leave the database holding any part of the metric-log applies made since its last
 * forced write: some of their rows without the applied offset, or the offset without all of their
 * rows. The test builds that state directly: it applies log records in several transactions, then
 * takes back what the crash would have lost, and opens the store, which must replay the log into
 * exactly one copy of every point with the right latest values, and keep working. Run against every database (see the subclasses).
 */
abstract class MetricLogRecoveryContract {
    private static final String RUN = "0123456789abcdef0123456789abcdef";
    private static final int APPLIES = 10;
    private static final Comparator<Metric> HISTORY = Comparator.comparingLong(Metric::step)
            .thenComparingLong(Metric::timestamp).thenComparing(Metric::value, Double::compare);

    @TempDir
    Path dir;
    private Path logDir;

    /** A database that can be opened again and again, and its credentials. */
    record Target(String jdbcUrl, String user, String password) {
    }

    /** A fresh database; an embedded one goes under {@code dir}. */
    protected abstract Target target(Path dir);

    /** What of the applies beyond the recorded offset the crash kept. */
    enum Kept {
        /** Every row change; only the applied offset was lost. */
        ALL_BUT_THE_OFFSET,
        /** Inserted chunk rows only: latest values, layer sizes and supersede marks are back as they were. */
        INSERTED_ROWS,
        /** Points rows and supersede marks, but not the chunk rows inserted with them. */
        POINTS_ROWS_AND_MARKS,
        /**
         * The applied offset and the rows of the first half of the applies; the rows of the later
         * applies were lost (the database records points it does not hold).
         */
        OFFSET_WITHOUT_LATER_ROWS
    }

    @ParameterizedTest
    @EnumSource(Kept.class)
    void replayAfterATornApplyStoresEveryPointOnce(Kept kept) throws Exception {
        Target target = target(dir.resolve("data"));
        logDir = dir.resolve("metric-log");
        Map<String, List<Metric>> expected = new TreeMap<>();
        try (MetadataDatabase db = open(target)) {
            createRun(db.trackingStore());
            logBefore(db.trackingStore(), expected);
            db.trackingStore().getRun(RUN); // waits until applied
        }
        // Applies beyond the database's record, as the crashed process made them.
        Jdbi jdbi = Jdbi.create(target.jdbcUrl(), target.user(), target.password());
        jdbi.getConfig(SqlStatements.class).setTemplateEngine(TemplateEngine.NOP);
        try (Connection keepAlive = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password())) {
            Transactor tx = new Transactor(jdbi, Dialect.of(target.jdbcUrl()));
            MetricFolder folder = new MetricFolder(tx);
            long applied = folder.appliedOffset();
            List<Map<String, Object>> latestBefore = latestRows(jdbi);
            long halfway = applied;
            try (MetricLog log = MetricLog.open(logDir, applied)) {
                for (int i = 0; i < APPLIES; i++) {
                    MetricBatch batch = MetricBatch.of(applyPoints(i, expected));
                    long end = log.append(RUN, batch);
                    folder.apply(List.of(new MetricLog.Entry(RUN, batch, end)));
                    halfway = i == APPLIES / 2 ? end : halfway;
                }
            }
            long appliedAtCrash = folder.appliedOffset();
            assertThat(appliedAtCrash).isGreaterThan(halfway).isGreaterThan(applied);
            assertThat(count(jdbi, "metric_chunks WHERE superseded_at IS NOT NULL"))
                    .as("the applies replaced chunks (tail appends, layer merges)").isPositive();
            tearApplies(jdbi, kept, applied, halfway, latestBefore);
            assertThat(folder.appliedOffset()).isEqualTo(kept == Kept.OFFSET_WITHOUT_LATER_ROWS ? appliedAtCrash : applied);
        }

        try (MetadataDatabase db = open(target)) {
            assertStored(db.trackingStore(), expected);
            logAfter(db.trackingStore(), expected);
            assertStored(db.trackingStore(), expected);
        }
        try (MetadataDatabase db = open(target)) {
            assertStored(db.trackingStore(), expected);
        }
    }

    private MetadataDatabase open(Target target) {
        return MetadataDatabase.open(target.jdbcUrl(), target.user(), target.password(), Optional.of(logDir));
    }

    private static void createRun(TrackingStore store) {
        String experiment = store.createExperiment("recovery", "", "file:///tmp", List.of(), 0);
        store.createRun(new RunInfo(RUN, "r", experiment, "u", RunStatus.RUNNING, 0, OptionalLong.empty(), "a",
                LifecycleStage.ACTIVE), List.of());
    }

    /** Before the crash: series to append to, to write inside of, and to extend one point at a time. */
    private static void logBefore(TrackingStore store, Map<String, List<Metric>> expected) {
        List<Metric> points = new ArrayList<>();
        for (long step = 0; step < 10_000; step++) {
            points.add(point(expected, "late", step * 2, step)); // the applies write the odd steps between
            points.add(point(expected, "wide", step * 100, step)); // the applies write runs of steps between
            points.add(point(expected, "bulk", step, step));
        }
        store.logBatch(RUN, points, List.of(), List.of());
        for (long step = 0; step < 10; step++) {
            store.logBatch(RUN, List.of(point(expected, "grow", step, step)), List.of(), List.of());
        }
    }

    /**
     * One apply beyond the offset: a tail append, a new layer that interleaves with the others
     * (merged once eight are alike), a new layer that overlaps no other (moved, not rewritten, at
     * that merge), plain appends, and a series the applies create.
     */
    private static List<Metric> applyPoints(int i, Map<String, List<Metric>> expected) {
        List<Metric> points = new ArrayList<>();
        points.add(point(expected, "grow", 10 + i, 1_000 + i));
        for (int j = 0; j < 50; j++) {
            points.add(point(expected, "late", 2 * (i + APPLIES * j) + 1, 2_000 + i));
        }
        for (int j = 0; j < 1_100; j++) {
            points.add(point(expected, "wide", 100L * 1_100 * i + 100L * j + 1, 3_000 + i));
        }
        for (int j = 0; j < 500; j++) {
            points.add(point(expected, "bulk", 10_000 + 500L * i + j, 4_000 + i));
        }
        points.add(point(expected, "fresh", i, 5_000 + i));
        return points;
    }

    private static void logAfter(TrackingStore store, Map<String, List<Metric>> expected) {
        for (int i = 0; i < 3; i++) {
            store.logBatch(RUN, List.of(point(expected, "grow", 100 + i, 6_000),
                    point(expected, "fresh", 100 + i, 6_000), point(expected, "late", 4 * i + 3, 6_000)),
                    List.of(), List.of());
        }
    }

    private static Metric point(Map<String, List<Metric>> expected, String key, long step, long timestamp) {
        Metric metric = new Metric(key, step * 0.5 + timestamp, timestamp, step);
        expected.computeIfAbsent(key, k -> new ArrayList<>()).add(metric);
        return metric;
    }

    /** Takes back what the crash lost of the applies beyond {@code applied}. */
    private static void tearApplies(Jdbi jdbi, Kept kept, long applied, long halfway,
                                    List<Map<String, Object>> latestBefore) {
        jdbi.useTransaction(handle -> {
            if (kept == Kept.OFFSET_WITHOUT_LATER_ROWS) {
                handle.createUpdate("DELETE FROM metric_chunk_points WHERE log_offset > :h").bind("h", halfway).execute();
                handle.createUpdate("DELETE FROM metric_chunks WHERE log_offset > :h").bind("h", halfway).execute();
                handle.createUpdate("UPDATE metric_chunks SET superseded_at = NULL WHERE superseded_at > :h")
                        .bind("h", halfway).execute();
                return;
            }
            handle.createUpdate("UPDATE metric_log SET applied_offset = :a").bind("a", applied).execute();
            if (kept == Kept.INSERTED_ROWS) {
                handle.createUpdate("UPDATE metric_chunks SET superseded_at = NULL WHERE superseded_at > :a")
                        .bind("a", applied).execute();
                handle.execute("DELETE FROM latest_metrics");
                for (Map<String, Object> row : latestBefore) {
                    handle.createUpdate("INSERT INTO latest_metrics (" + String.join(", ", row.keySet()) + ") VALUES ("
                            + String.join(", ", row.keySet().stream().map(c -> ":" + c).toList()) + ")")
                            .bindMap(row).execute();
                }
            } else if (kept == Kept.POINTS_ROWS_AND_MARKS) {
                handle.createUpdate("DELETE FROM metric_chunks WHERE log_offset > :a").bind("a", applied).execute();
            }
        });
    }

    private static List<Map<String, Object>> latestRows(Jdbi jdbi) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT run_id, metric_key, experiment_id, step,"
                + " metric_timestamp, metric_value, next_chunk_seq, tail_chunk_seq, tail_points, layer_sizes, log_offset"
                + " FROM latest_metrics").map((rs, ctx) -> {
                    Map<String, Object> row = new TreeMap<>();
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        row.put(rs.getMetaData().getColumnLabel(c).toLowerCase(Locale.ROOT), rs.getObject(c));
                    }
                    return row;
                }).list());
    }

    private static long count(Jdbi jdbi, String from) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM " + from).mapTo(Long.class).one());
    }

    private static void assertStored(TrackingStore store, Map<String, List<Metric>> expected) {
        expected.forEach((key, points) -> {
            List<Metric> sorted = points.stream().sorted(HISTORY).toList();
            assertThat(store.metricHistory(RUN, key, 0, 1_000_000)).as("history of %s", key)
                    .containsExactlyElementsOf(sorted);
        });
        List<Metric> latest = store.getRun(RUN).orElseThrow().data().metrics();
        assertThat(latest).as("latest values").containsExactlyInAnyOrderElementsOf(expected.values().stream()
                .map(points -> points.stream().max(HISTORY).orElseThrow()).toList());
    }
}
