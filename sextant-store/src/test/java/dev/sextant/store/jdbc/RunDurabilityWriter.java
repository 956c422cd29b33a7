package dev.sextant.store.jdbc;

import dev.sextant.tracking.LifecycleStage;
import dev.sextant.tracking.Param;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.RunStatus;
import dev.sextant.tracking.Tag;
import dev.sextant.tracking.TrackingStore;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Child process of {@link H2DurabilityTest}: several threads create runs and log params and a tag
 * to each, so that their commits share checkpoints, and report each run once both writes are
 * acknowledged, forever, until the process is killed.
 */
final class RunDurabilityWriter {
    static final int WRITERS = 4;
    static final int PARAMS = 5;

    private RunDurabilityWriter() {
    }

    public static void main(String[] args) {
        MetadataDatabase db = MetadataDatabase.open(args[0], "sa", "");
        TrackingStore store = db.trackingStore();
        String experiment = store.createExperiment("run-durability", "", "file:///tmp", List.of(), 0);
        AtomicInteger next = new AtomicInteger();
        for (int w = 0; w < WRITERS; w++) {
            Thread.ofPlatform().start(() -> {
                while (true) {
                    String runId = "%032x".formatted(next.getAndIncrement());
                    store.createRun(new RunInfo(runId, "r", experiment, "u", RunStatus.RUNNING, 0, OptionalLong.empty(),
                            "a", LifecycleStage.ACTIVE), List.of());
                    store.logBatch(runId, List.of(), params(runId), List.of(new Tag("t", runId)));
                    synchronized (System.out) {
                        System.out.println("acknowledged " + runId);
                        System.out.flush();
                    }
                }
            });
        }
    }

    static List<Param> params(String runId) {
        return IntStream.range(0, PARAMS).mapToObj(p -> new Param("p" + p, runId + "-" + p)).toList();
    }
}
