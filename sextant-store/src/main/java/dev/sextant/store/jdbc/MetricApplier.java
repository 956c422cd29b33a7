package dev.sextant.store.jdbc;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.store.metriclog.MetricLog;
import dev.sextant.tracking.MetricBatch;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for metric points on the embedded database. {@link #submit} appends a batch to the
 * {@link MetricLog} (the commit point: from then on it survives a killed process) and queues it;
 * one background thread drains the queue into the database in large transactions that also record
 * how far the log is applied, so a restart replays exactly the records not yet applied. Readers
 * call {@link #awaitRun} or {@link #awaitAll} first: they wait (and hurry the applier) until
 * everything logged before the read started is in the database.
 */
final class MetricApplier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricApplier.class);
    /** Writers wait while this many points are logged but not applied: the log never runs far ahead. */
    static final long MAX_PENDING_POINTS = 1_000_000;
    /** Points per database transaction, at most. */
    static final int MAX_APPLY_POINTS = 200_000;
    /** A small queue waits this long for more points before it is applied, unless a reader is waiting. */
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final int LINGER_BELOW_POINTS = 20_000;
    private static final long READ_WAIT_MILLIS = 60_000;
    /**
     * How often, at most, chunks superseded by applies are deleted for good. Each purge first
     * forces the database to disk (one CHECKPOINT), so it is rationed in time, not done per apply.
     */
    private static final long PURGE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * How long, at most, applies go unforced while points keep coming. A restart undoes and
     * replays everything applied since the last forced write, so this bounds recovery to a few
     * seconds of applies instead of a whole log segment.
     */
    static final Duration DURABLE_INTERVAL = Duration.ofSeconds(5);

    private final MetricLog log;
    private final MetricFolder folder;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private final ArrayDeque<MetricLog.Entry> queue = new ArrayDeque<>();
    private final ConcurrentHashMap<String, Long> lastAppendByRun = new ConcurrentHashMap<>();
    private final Thread thread;
    private long pendingPoints;
    private long hurryTo;
    private boolean closing;
    private RuntimeException lastFailure;
    private volatile long appended;
    private volatile long applied;
    // Touched by the applier thread only.
    private long supersededSincePurge;
    private long lastPurge = System.nanoTime();
    private long lastDurable = System.nanoTime();
    private final long durableIntervalNanos;

    private MetricApplier(MetricLog log, MetricFolder folder, long applied, Duration durableInterval) {
        this.log = log;
        this.folder = folder;
        this.applied = applied;
        this.appended = applied;
        this.durableIntervalNanos = durableInterval.toNanos();
        this.thread = Thread.ofPlatform().name("sextant-metric-applier").daemon().unstarted(this::run);
    }

    /**
     * Undoes every apply since the last one made durable (a crash may have kept any part of them:
     * rows without their applied offset, or the offset without all its rows), replays the log from
     * there, then starts applying in the background.
     */
    static MetricApplier start(MetricLog log, MetricFolder folder) {
        return start(log, folder, DURABLE_INTERVAL);
    }

    /** As {@link #start(MetricLog, MetricFolder)}, forcing applies to disk at least every {@code durableInterval}. */
    static MetricApplier start(MetricLog log, MetricFolder folder, Duration durableInterval) {
        long applied = folder.appliedOffset();
        long from = log.replayStart(applied);
        int rebuilt = folder.recover(from);
        if (rebuilt > 0) {
            LOG.warn("Undid the metric points applied beyond log offset {}, the last made durable ({} series"
                    + " rebuilt); they are applied again from the log", from, rebuilt);
        }
        List<MetricLog.Entry> replay = new ArrayList<>();
        long[] points = {0};
        log.replay(from, entry -> {
            replay.add(entry);
            points[0] += entry.batch().size();
            if (points[0] >= MAX_APPLY_POINTS) {
                folder.apply(replay);
                replay.clear();
                points[0] = 0;
            }
        });
        if (!replay.isEmpty()) {
            folder.apply(replay);
        }
        long end = log.end();
        if (end > from) {
            LOG.info("Applied metric points logged before the last shutdown (log offsets {} to {})", from, end);
        }
        // Marked at every start, so that even a log that never filled a segment has a durable
        // offset: without one, a restart would trust the database's applied offset as it is.
        folder.makeDurable();
        log.markDurable(end);
        MetricApplier applier = new MetricApplier(log, folder, end, durableInterval);
        applier.thread.start();
        return applier;
    }

    /** Logs a batch and queues it for the database; once this returns, the batch survives a killed process. */
    void submit(String runId, MetricBatch batch) {
        awaitRoom();
        appendLock.lock();
        try {
            long end = log.append(runId, batch);
            lastAppendByRun.put(runId, end);
            lock.lock();
            try {
                queue.add(new MetricLog.Entry(runId, batch, end));
                pendingPoints += batch.size();
                appended = end;
                work.signal();
            } finally {
                lock.unlock();
            }
        } finally {
            appendLock.unlock();
        }
    }

    /** Waits until every point logged for the run before this call is in the database. */
    void awaitRun(String runId) {
        Long end = lastAppendByRun.get(runId);
        if (end != null) {
            await(end);
        }
    }

    /** Waits until every point logged before this call is in the database. */
    void awaitAll() {
        await(appended);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            work.signal();
            progress.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void await(long target) {
        if (applied >= target) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READ_WAIT_MILLIS);
        lock.lock();
        try {
            hurryTo = Math.max(hurryTo, target);
            work.signal();
            while (applied < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closing) {
                    throw new SextantException(ErrorCode.INTERNAL_ERROR, "Metric points logged before this read are"
                            + " not in the database yet" + (lastFailure == null ? "" : ": " + lastFailure.getMessage()),
                            lastFailure);
                }
                progress.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SextantException(ErrorCode.INTERNAL_ERROR, "Interrupted while waiting for metric points", e);
        } finally {
            lock.unlock();
        }
    }

    private void awaitRoom() {
        lock.lock();
        try {
            while (pendingPoints >= MAX_PENDING_POINTS && !closing) {
                progress.awaitUninterruptibly();
            }
            if (closing) {
                throw new SextantException(ErrorCode.INTERNAL_ERROR, "The metadata store is closing");
            }
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        for (List<MetricLog.Entry> batch = take(); !batch.isEmpty(); batch = take()) {
            if (!applyUntilDone(batch)) {
                LOG.error("Closing with logged metric points not yet applied; they are applied at the next start");
                return;
            }
            long end = batch.get(batch.size() - 1).end();
            long points = batch.stream().mapToLong(e -> e.batch().size()).sum();
            lock.lock();
            try {
                applied = end;
                pendingPoints -= points;
                lastFailure = null;
                progress.signalAll();
            } finally {
                lock.unlock();
            }
            lastAppendByRun.values().removeIf(offset -> offset <= end);
            long now = System.nanoTime();
            boolean purgeDue = supersededSincePurge > 0 && now - lastPurge >= PURGE_INTERVAL_NANOS;
            boolean durableDue = now - lastDurable >= durableIntervalNanos;
            if (log.releasable(end) || purgeDue || durableDue) {
                folder.makeDurable();
                log.markDurable(end);
                lastDurable = now;
                log.release(end);
                purge(end);
            }
        }
        finish();
    }

    // Only after makeDurable: a superseded chunk must stay until the apply that replaced it is on disk.
    private void purge(long durablyApplied) {
        try {
            folder.purge(durablyApplied);
            supersededSincePurge = 0;
        } catch (RuntimeException e) {
            LOG.warn("Could not delete replaced metric chunks; trying again later", e);
        }
        lastPurge = System.nanoTime();
    }

    // Everything applied and the database closing: make it durable and empty the log.
    private void finish() {
        try {
            folder.makeDurable();
            purge(applied);
            folder.makeDurable();
            log.markDurable(applied);
            log.reset(applied);
        } catch (RuntimeException e) {
            LOG.warn("Could not empty the metric log at shutdown; it is replayed at the next start", e);
        }
    }

    /** The next records to apply; waits for some; empty once closing and everything is applied. */
    private List<MetricLog.Entry> take() {
        lock.lock();
        try {
            while (queue.isEmpty() && !closing) {
                work.awaitUninterruptibly();
            }
            if (!closing && pendingPoints < LINGER_BELOW_POINTS && hurryTo <= applied) {
                try {
                    work.awaitNanos(LINGER_NANOS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            List<MetricLog.Entry> batch = new ArrayList<>();
            long points = 0;
            while (!queue.isEmpty() && (batch.isEmpty() || points + queue.peek().batch().size() <= MAX_APPLY_POINTS)) {
                MetricLog.Entry entry = queue.poll();
                batch.add(entry);
                points += entry.batch().size();
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    // A failed transaction changed nothing; the records stay in the log. Retry until it works, or
    // until the store closes (false): the next start replays them.
    private boolean applyUntilDone(List<MetricLog.Entry> batch) {
        for (long backoff = 10; ; backoff = Math.min(backoff * 2, 2_000)) {
            try {
                supersededSincePurge += folder.apply(batch);
                return true;
            } catch (RuntimeException e) {
                LOG.error("Could not apply logged metric points to the database; retrying", e);
                lock.lock();
                try {
                    lastFailure = e;
                    if (closing) {
                        return false;
                    }
                } finally {
                    lock.unlock();
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
