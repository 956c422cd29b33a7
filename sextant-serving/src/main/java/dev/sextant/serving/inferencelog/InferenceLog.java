package dev.sextant.serving.inferencelog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference log: sampled requests and responses written as CloudEvents to rotating JSON-lines
 * files by one background writer. Handing a record over never blocks: when the bounded queue is
 * full the record is dropped and counted, so a slow disk never slows inference.
 */
public final class InferenceLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceLog.class);
    private static final Object STOP = new Object();
    /** How long the writer sleeps when nothing is queued; records reach the file at most this late. */
    private static final long IDLE_MILLIS = 20;

    private final InferenceLogOptions options;
    private final Clock clock;
    private final Supplier<RandomGenerator> random;
    private final ArrayBlockingQueue<Object> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final RotatingFiles files;
    private final Thread writer;

    private InferenceLog(InferenceLogOptions options, Clock clock, Supplier<RandomGenerator> random) throws IOException {
        this.options = options;
        this.clock = clock;
        this.random = random;
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.files = new RotatingFiles(options.directory(), options.maxFileBytes(), options.maxFiles(), clock,
                Long.toHexString(random.get().nextLong() & 0xffffffL));
        this.writer = Thread.ofPlatform().daemon().name("inference-log").unstarted(this::drain);
        writer.start();
    }

    public static InferenceLog open(InferenceLogOptions options, Clock clock, Supplier<RandomGenerator> random) {
        try {
            return new InferenceLog(options, clock, random);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the inference log under " + options.directory(), e);
        }
    }

    /** Whether this request is in the sample. */
    public boolean sampled() {
        double rate = options.sampleRate();
        return rate >= 1 || (rate > 0 && random.get().nextDouble() < rate);
    }

    /** Hands a record to the writer, or drops it when the queue is full. */
    public void offer(InferenceRecord record) {
        enqueue(record);
    }

    public void offer(ShadowRecord record) {
        enqueue(record);
    }

    private void enqueue(Object record) {
        if (!queue.offer(record)) {
            dropped.incrementAndGet();
        }
    }

    /** Records dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Records written to the files. */
    public long written() {
        return written.get();
    }

    public InferenceLogOptions options() {
        return options;
    }

    /**
     * Takes what is queued in batches and sleeps while there is nothing: waiting on the queue instead
     * made every sampled request wake this thread, a kernel round trip per record.
     */
    private void drain() {
        List<Object> batch = new ArrayList<>();
        while (true) {
            batch.clear();
            queue.drainTo(batch);
            if (batch.isEmpty()) {
                try {
                    files.flush();
                    Thread.sleep(IDLE_MILLIS);
                } catch (IOException e) {
                    LOG.warn("Inference log not flushed: {}", e.toString());
                } catch (InterruptedException e) {
                    batch.add(STOP);
                }
            }
            for (Object next : batch) {
                if (next == STOP) {
                    try {
                        files.close();
                    } catch (IOException e) {
                        LOG.warn("Inference log not closed: {}", e.toString());
                    }
                    return;
                }
                try {
                    files.write(switch (next) {
                        case InferenceRecord record -> CloudEvents.lines(record, clock.instant());
                        case ShadowRecord shadow -> CloudEvents.shadowLine(shadow, clock.instant());
                        default -> throw new IllegalStateException("unknown record " + next);
                    });
                    written.incrementAndGet();
                } catch (IOException | RuntimeException e) {
                    dropped.incrementAndGet();
                    LOG.warn("Inference log record not written: {}", e.toString());
                }
            }
        }
    }

    /** Writes what is queued, then closes the current file. */
    @Override
    public void close() {
        try {
            queue.put(STOP);
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
