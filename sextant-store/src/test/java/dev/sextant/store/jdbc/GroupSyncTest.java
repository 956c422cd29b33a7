package dev.sextant.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GroupSyncTest {
    private final GroupSync group = new GroupSync();
    /** Stands for the database: commits so far, and how many of them the last sync made durable. */
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong durable = new AtomicLong();
    private final AtomicInteger syncs = new AtomicInteger();

    private void slowSync() {
        long covering = committed.get(); // a sync covers what was committed when it started
        syncs.incrementAndGet();
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        durable.accumulateAndGet(covering, Math::max);
    }

    @Test
    void aLoneWriterRunsOneSyncPerCommit() {
        for (int i = 0; i < 5; i++) {
            committed.incrementAndGet();
            group.sync(this::slowSync);
            assertThat(durable.get()).isEqualTo(committed.get());
        }
        assertThat(syncs.get()).isEqualTo(5);
    }

    @Test
    void concurrentWritersShareSyncsAndEachCommitIsCoveredBeforeItsWriterReturns() throws Exception {
        int writers = 8;
        int commitsEach = 40;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < commitsEach; i++) {
                        long mine = committed.incrementAndGet();
                        group.sync(this::slowSync);
                        assertThat(durable.get()).as("commit %d durable on return", mine).isGreaterThanOrEqualTo(mine);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(durable.get()).isEqualTo(writers * commitsEach);
        assertThat(syncs.get()).as("syncs shared").isLessThan(writers * commitsEach);
    }

    @Test
    void aFailedSyncFailsTheWriterThatRanItAndTheNextWriterSyncsAgain() {
        AtomicBoolean fail = new AtomicBoolean(true);
        committed.incrementAndGet();
        assertThatThrownBy(() -> group.sync(() -> {
            if (fail.getAndSet(false)) {
                throw new IllegalStateException("disk full");
            }
            slowSync();
        })).hasMessage("disk full");
        assertThat(durable.get()).isZero();

        committed.incrementAndGet();
        group.sync(this::slowSync);
        assertThat(durable.get()).isEqualTo(2);
    }
}
