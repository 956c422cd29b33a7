package dev.sextant.store.jdbc;

import static dev.sextant.store.jdbc.StoreFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.ErrorCode;
import dev.sextant.tracking.Metric;
import dev.sextant.tracking.RunInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

interface MetricHistoryContract extends StoreFixture {

    @Test
    default void historyIsOrderedByStepTimestampValueAndPaged() {
        RunInfo run = run(experiment("history"), 1, 1);
        store().logBatch(run.runId(), List.of(new Metric("m", 5, 10, 2), new Metric("m", 1, 20, 1),
                new Metric("m", 3, 10, 1), new Metric("m", 2, 10, 1), new Metric("m", 2, 10, 1),
                new Metric("other", 0, 0, 0)), List.of(), List.of());

        List<Metric> expected = List.of(new Metric("m", 2, 10, 1), new Metric("m", 2, 10, 1), new Metric("m", 3, 10, 1),
                new Metric("m", 1, 20, 1), new Metric("m", 5, 10, 2));
        assertThat(store().metricHistory(run.runId(), "m", 0, 100)).isEqualTo(expected);
        assertThat(store().metricHistory(run.runId(), "m", 1, 2)).isEqualTo(expected.subList(1, 3));
        assertThat(store().metricHistory(run.runId(), "m", 5, 2)).isEmpty();
        assertThat(store().metricHistory(run.runId(), "absent", 0, 10)).isEmpty();
        assertFails(ErrorCode.RESOURCE_DOES_NOT_EXIST, "Run with id=" + runId(9) + " not found",
                () -> store().metricHistory(runId(9), "m", 0, 10));
    }

    @Test
    default void streamsAMillionPointsWithBoundedMemory() {
        RunInfo run = run(experiment("stream"), 1, 1);
        int total = 1_000_000;
        for (int from = 0; from < total; from += 1000) {
            List<Metric> batch = new ArrayList<>(1000);
            for (int i = from; i < from + 1000; i++) {
                // Logged out of order: the stream must still come back sorted by step.
                int step = i % 2 == 0 ? i : total - i;
                batch.add(new Metric("loss", step * 0.5, 1_000 + step, step));
            }
            store().logBatch(run.runId(), batch, List.of(), List.of());
        }
        long baseline = usedHeapAfterGc();
        AtomicLong count = new AtomicLong();
        AtomicLong lastStep = new AtomicLong(-1);
        AtomicLong growth = new AtomicLong();
        store().streamMetricHistory(run.runId(), "loss", m -> {
            assertThat(m.step()).isGreaterThanOrEqualTo(lastStep.get());
            lastStep.set(m.step());
            if (count.incrementAndGet() == total * 9 / 10) {
                growth.set(usedHeapAfterGc() - baseline);
            }
        });

        assertThat(count.get()).isEqualTo(total);
        // A materialised result of a million rows takes well over 100 MB on the heap.
        assertThat(growth.get()).as("heap growth while streaming, bytes").isLessThan(48L << 20);
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
