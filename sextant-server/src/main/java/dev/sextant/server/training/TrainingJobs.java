package dev.sextant.server.training;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.server.security.OnBehalf;
import dev.sextant.training.recording.RecordedRun;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Clock;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training jobs of this server: a bounded pool of workers with a bounded queue in front. A job
 * that finds the queue full is refused with 429 rather than waiting unseen. Jobs live in memory:
 * the runs they record are durable, the jobs themselves end with the server.
 */
final class TrainingJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingJobs.class);
    /** How long stopping waits for running jobs to notice and record their runs as failed. */
    private static final long STOP_WAIT_SECONDS = 30;
    /** How a job refused at its start for its requester's sake appears in the audit log. */
    private static final String REFUSED_ACTION = "training-job.start-refused";
    private static final String ENTITY_TYPE = "training-job";

    /** The training a job does once a worker picks it up. */
    @FunctionalInterface
    interface Work {
        RecordedRun run(TrainingJob job);
    }

    private final JobLimits limits;
    private final Clock clock;
    private final RandomGenerator random;
    private final ThreadPoolExecutor executor;
    private final Map<String, TrainingJob> jobs = new LinkedHashMap<>();

    TrainingJobs(JobLimits limits, Clock clock, RandomGenerator random) {
        this.limits = limits;
        this.clock = clock;
        this.random = random;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(limits.workers(), limits.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(limits.queued()), runnable -> {
                    Thread thread = new Thread(runnable, "sextant-training-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Queues a job that will run as {@code requester}; 429 when every worker is busy and the queue is full. */
    TrainingJob submit(TrainingRequest request, StagedData data, OnBehalf requester, Work work) {
        TrainingJob job = new TrainingJob(newId(), request, data, requester, clock.millis());
        synchronized (jobs) {
            if (executor.isShutdown()) {
                throw new SextantException(ErrorCode.TEMPORARILY_UNAVAILABLE, "The server is stopping and takes no "
                        + "new training jobs.");
            }
            jobs.put(job.id(), job);
            try {
                executor.execute(new Task(job, work));
            } catch (RejectedExecutionException e) {
                jobs.remove(job.id());
                throw full();
            }
        }
        return job;
    }

    Optional<TrainingJob> get(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    /** Every job remembered, newest first. */
    List<JobView> list() {
        List<TrainingJob> all;
        synchronized (jobs) {
            all = new ArrayList<>(jobs.values());
        }
        return all.reversed().stream().map(TrainingJob::view).toList();
    }

    /** Whether {@link #close} has begun: no new jobs are taken. */
    boolean stopping() {
        return executor.isShutdown();
    }

    JobLimits limits() {
        return limits;
    }

    /**
     * Stops taking jobs, fails the queued ones and asks the running ones to stop at their next
     * progress step (their runs are then recorded as failed), waiting a while for them.
     */
    @Override
    public void close() {
        List<Runnable> neverStarted;
        synchronized (jobs) {
            if (executor.isShutdown()) {
                return;
            }
            executor.shutdown();
            jobs.values().forEach(TrainingJob::stop);
            neverStarted = new ArrayList<>();
            executor.getQueue().drainTo(neverStarted);
        }
        for (Runnable task : neverStarted) {
            TrainingJob job = ((Task) task).job;
            job.failed(new JobError(ErrorCode.TEMPORARILY_UNAVAILABLE, "The server stopped before this job started; "
                    + "submit it again."), clock.millis());
            discard(job);
        }
        try {
            if (!executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Training jobs still running {} s after the server began stopping; leaving them behind",
                        STOP_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SextantException full() {
        return new SextantException(ErrorCode.REQUEST_LIMIT_EXCEEDED, "The server is already training "
                + limits.workers() + " job(s) with " + limits.queued() + " waiting, as many as it takes. Try again "
                + "when one finishes; GET /api/v1/training-runs shows them.");
    }

    private static void discard(TrainingJob job) {
        try {
            job.data().discard();
        } catch (RuntimeException e) {
            LOG.warn("Could not remove the data staged for training job {}: {}", job.id(), e.getMessage());
        }
    }

    private String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Forgets the oldest finished jobs beyond the number kept. */
    private void forgetOldFinished() {
        synchronized (jobs) {
            long finished = jobs.values().stream().filter(TrainingJob::finished).count();
            Iterator<TrainingJob> oldestFirst = jobs.values().iterator();
            while (finished > limits.keptFinished() && oldestFirst.hasNext()) {
                if (oldestFirst.next().finished()) {
                    oldestFirst.remove();
                    finished--;
                }
            }
        }
    }

    /** Runs one job on a worker and records how it ended; nothing escapes to the pool. */
    private final class Task implements Runnable {
        private final TrainingJob job;
        private final Work work;

        Task(TrainingJob job, Work work) {
            this.job = job;
            this.work = work;
        }

        @Override
        public void run() {
            job.requester().run(() -> {
                if (requesterStillAllowed()) {
                    runJob();
                }
            });
        }

        /**
         * The requester's token may have been revoked, or may have expired, while the job waited
         * in the queue: the job then fails without starting, and the refusal is audited. Only the
         * start is guarded: a job already running is not stopped by a later revocation (stopping
         * half-way would leave a half-recorded run); it finishes as the requester.
         */
        private boolean requesterStillAllowed() {
            try {
                job.requester().requireStillAllowed(TrainingApi.SUBMIT, REFUSED_ACTION, ENTITY_TYPE, job.id());
                return true;
            } catch (SextantException refused) {
                job.failed(new JobError(refused.code(), "This job did not start: " + refused.getMessage()
                        + " Nothing was trained or recorded; submit the job again with a valid token whose role "
                        + "may train."), clock.millis());
            } catch (RuntimeException e) {
                LOG.error("Could not check the requester of training job {} again", job.id(), e);
                job.failed(new JobError(ErrorCode.INTERNAL_ERROR, "This job did not start: the requester's token "
                        + "could not be checked again; the server log has the details under job " + job.id() + "."),
                        clock.millis());
            }
            discard(job);
            forgetOldFinished();
            return false;
        }

        private void runJob() {
            job.started(clock.millis());
            try {
                job.succeeded(work.run(job), clock.millis());
            } catch (SextantException e) {
                job.failed(new JobError(e.code(), e.getMessage()), clock.millis());
                if (e.code() == ErrorCode.INTERNAL_ERROR) {
                    LOG.error("Training job {} failed", job.id(), e);
                }
            } catch (RuntimeException | Error e) {
                // An OutOfMemoryError from data too large for the heap fails this job, not the server.
                LOG.error("Training job {} failed", job.id(), e);
                job.failed(new JobError(ErrorCode.INTERNAL_ERROR, "Training failed unexpectedly (" + e.getClass()
                        .getSimpleName() + "); the server log has the details under job " + job.id() + "."),
                        clock.millis());
            } finally {
                discard(job);
                forgetOldFinished();
            }
        }
    }
}
