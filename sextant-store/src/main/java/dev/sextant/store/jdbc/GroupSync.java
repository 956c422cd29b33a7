package dev.sextant.store.jdbc;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for making commits durable: a writer that has committed calls {@link #sync} and
 * returns once a sync that started after its commit has finished. While one sync runs, the
 * writers that commit meanwhile wait and are then covered together by the next one, so concurrent
 * writers share syncs instead of each paying for one. On H2 a sync is a {@code CHECKPOINT}, whose
 * cost is writing out every changed page, and pages changed by several transactions are written
 * once.
 */
final class GroupSync {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    /** Commits registered so far; a commit's ticket is this count just after it registered. */
    private long registered;
    /** Every ticket up to this one is durable. */
    private long durable;
    private boolean running;

    /**
     * Returns once everything the caller committed before this call is durable. {@code sync}
     * makes every commit so far durable; it runs on the calling thread when no other sync is
     * running, and may cover other writers' commits too. A failed sync fails the caller that ran
     * it; the writers it would have covered run another.
     */
    void sync(Runnable sync) {
        lock.lock();
        try {
            long ticket = ++registered;
            while (durable < ticket) {
                if (running) {
                    finished.awaitUninterruptibly();
                    continue;
                }
                running = true;
                long covered = registered; // all of these committed before the sync starts
                lock.unlock();
                boolean done = false;
                try {
                    sync.run();
                    done = true;
                } finally {
                    lock.lock();
                    running = false;
                    if (done) {
                        durable = Math.max(durable, covered);
                    }
                    finished.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
