package dev.sextant.store.jdbc;

import static dev.sextant.store.jdbc.StoreFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.ErrorCode;
import dev.sextant.tracking.Metric;
import dev.sextant.tracking.RunInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
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
    default void historyStaysOrderedWhateverTheLoggingOrder() {
        RunInfo run = run(experiment("model"), 1, 1);
        Random random = new Random(42);
        List<Metric> model = new ArrayList<>();
        long next = 0;
        for (int batch = 0; batch < 120; batch++) {
            List<Metric> points = new ArrayList<>();
            int kind = batch % 4;
            int size = kind == 0 ? 1 : kind == 1 ? 1 + random.nextInt(5_000) : 1 + random.nextInt(300);
            for (int i = 0; i < size; i++) {
                // Appends (kind 0 and 1), points anywhere in the past (kind 2), exact duplicates (kind 3).
                long step = kind <= 1 ? next++ : random.nextLong(Math.max(1, next + 10));
                Metric m = kind == 3 && !model.isEmpty() ? model.get(random.nextInt(model.size()))
                        : new Metric("m", random.nextInt(3) == 0 ? Double.NaN : random.nextInt(50), random.nextInt(3), step);
                points.add(m);
            }
            store().logBatch(run.runId(), points, List.of(), List.of());
            model.addAll(points);
        }
        model.sort(Comparator.comparingLong(Metric::step).thenComparingLong(Metric::timestamp)
                .thenComparing(Metric::value, Double::compare));

        assertThat(store().metricHistory(run.runId(), "m", 0, 1_000_000)).isEqualTo(model);
        for (int offset : new int[] {1, 4_095, 4_096, 4_097, model.size() / 2, model.size() - 3}) {
            assertThat(store().metricHistory(run.runId(), "m", offset, 5_000))
                    .isEqualTo(model.subList(offset, Math.min(model.size(), offset + 5_000)));
        }
        List<Metric> streamed = new ArrayList<>();
        store().streamMetricHistory(run.runId(), "m", streamed::add);
        assertThat(streamed).isEqualTo(model);
        assertThat(store().getRun(run.runId()).orElseThrow().data().metrics()).containsExactly(model.getLast());
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
