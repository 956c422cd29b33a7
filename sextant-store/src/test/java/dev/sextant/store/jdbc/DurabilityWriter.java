package dev.sextant.store.jdbc;

import dev.sextant.tracking.LifecycleStage;
import dev.sextant.tracking.Metric;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.RunStatus;
import dev.sextant.tracking.TrackingStore;
import java.util.List;
import java.util.OptionalLong;

/**
 * Child process of {@link H2DurabilityTest}: logs one point per transaction, forever, and
 * reports each acknowledged commit on stdout, until it is killed.
 */
final class DurabilityWriter {
    static final String RUN_ID = "0123456789abcdef0123456789abcdef";

    private DurabilityWriter() {
    }

    public static void main(String[] args) {
        MetadataDatabase db = MetadataDatabase.open(args[0], "sa", "");
        TrackingStore store = db.trackingStore();
        String experiment = store.createExperiment("durability", "", "file:///tmp", List.of(), 0);
        store.createRun(new RunInfo(RUN_ID, "r", experiment, "u", RunStatus.RUNNING, 0, OptionalLong.empty(), "a",
                LifecycleStage.ACTIVE), List.of());
        for (long i = 0; ; i++) {
            store.logBatch(RUN_ID, List.of(new Metric("m", i, i, i)), List.of(), List.of());
            System.out.println("committed " + i);
            System.out.flush();
        }
    }
}
