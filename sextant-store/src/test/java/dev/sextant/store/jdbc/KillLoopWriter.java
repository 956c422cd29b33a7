package dev.sextant.store.jdbc;

import dev.sextant.tracking.LifecycleStage;
import dev.sextant.tracking.Metric;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.RunStatus;
import dev.sextant.tracking.TrackingStore;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child process of {@link MetricLogKillLoopTest}: opens the store (recovering from the last kill),
 * prints {@code ready}, then logs numbered batches from two threads until it is killed, printing
 * {@code ack <n>} for each batch the store acknowledged. Batch {@code n} holds exactly the points
 * {@link #points} gives, so the parent can check every acknowledged one.
 */
final class KillLoopWriter {
    static final String RUN_ID = "fedcba9876543210fedcba9876543210";
    /** Steps of "late" count down from here, so each of its batches lands inside the stored range. */
    static final long LATE_BASE = 1_000_000_000_000L;
    private static final int THREADS = 2;

    private KillLoopWriter() {
    }

    /**
     * The points of batch {@code n}: "seq" in about increasing order (two threads interleave),
     * "late" always before everything stored (a new layer each time), "tick" one point (appended
     * to the last small chunk). Steps identify points; values follow from steps.
     */
    static List<Metric> points(long n) {
        List<Metric> points = new ArrayList<>();
        int seq = n % 5 == 0 ? 400 : 1 + (int) (n % 7);
        for (int j = 0; j < seq; j++) {
            points.add(metric("seq", n * 1_000 + j));
        }
        for (int j = 0; j < 5; j++) {
            points.add(metric("late", LATE_BASE - n * 1_000 - j));
        }
        points.add(metric("tick", n));
        return points;
    }

    static Metric metric(String key, long step) {
        return new Metric(key, step * 0.25, step, step);
    }

    public static void main(String[] args) throws InterruptedException {
        MetadataDatabase db = MetadataDatabase.open(args[0], "sa", "");
        TrackingStore store = db.trackingStore();
        if (store.getRunInfo(RUN_ID).isEmpty()) {
            String experiment = store.createExperiment("kill-loop", "", "file:///tmp", List.of(), 0);
            store.createRun(new RunInfo(RUN_ID, "r", experiment, "u", RunStatus.RUNNING, 0, OptionalLong.empty(), "a",
                    LifecycleStage.ACTIVE), List.of());
        }
        AtomicLong next = new AtomicLong(Long.parseLong(args[1]));
        System.out.println("ready");
        System.out.flush();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            writers.add(Thread.ofPlatform().start(() -> {
                for (long n = next.getAndIncrement(); ; n = next.getAndIncrement()) {
                    store.logBatch(RUN_ID, points(n), List.of(), List.of());
                    synchronized (System.out) {
                        System.out.println("ack " + n);
                        System.out.flush();
                    }
                }
            }));
        }
        for (Thread writer : writers) {
            writer.join();
        }
    }
}
