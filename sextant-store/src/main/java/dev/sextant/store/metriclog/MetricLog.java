package dev.sextant.store.metriclog;

import dev.sextant.tracking.MetricBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only log of metric batches in a directory of segment files. A batch is durable
 * against a killed process once {@link #append} returns: its bytes are in the operating system's
 * page cache, which outlives the process (no fsync, so not against a power cut).
 *
 * <p>Positions are logical offsets that grow across segments; a segment file is named after the
 * offset of its first record, so offsets survive deleting applied segments. {@link #open} checks
 * the last segment record by record and cuts off a record torn by a crash mid-write: it was never
 * acknowledged. Damage anywhere else is reported, never skipped.
 *
 * <p>The log also keeps, in a small file beside the segments, the offset up to which its records
 * are applied to a database that has made them durable ({@link #markDurable}): after a crash,
 * replaying from there ({@link #replayStart}) does not depend on how much of the later, unforced
 * applies the database kept.
 *
 * <p>Thread-safe; appends are serialized.
 */
public final class MetricLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricLog.class);
    static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
    private static final String DURABLE_FILE = "durable";

    private final Path dir;
    private final long segmentBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<Segment> segments;
    private FileChannel current;
    private long end;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    private IOException broken;
    private OptionalLong durable = OptionalLong.empty();

    private MetricLog(Path dir, long segmentBytes, FileChannel lockChannel, FileLock lock, List<Segment> segments) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.segments = segments;
    }

    /** A record as read back: the batch, its run and the offset just past it. */
    public record Entry(String runId, MetricBatch batch, long end) {
    }

    /**
     * Opens (creating) the log in {@code dir}, cutting off a torn last record. {@code applied} is
     * how far the log is known to be applied: a log with no segments left starts there.
     */
    public static MetricLog open(Path dir, long applied) {
        return open(dir, applied, DEFAULT_SEGMENT_BYTES);
    }

    static MetricLog open(Path dir, long applied, long segmentBytes) {
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(lockChannel, dir);
            MetricLog log = new MetricLog(dir, segmentBytes, lockChannel, lock, Segment.list(dir));
            log.recover(applied);
            log.durable = readDurable(dir);
            return log;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new UncheckedIOException("Could not open the metric log in " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    /** The offset just past the last appended record. */
    public synchronized long end() {
        return end;
    }

    /**
     * Where a replay into a database that records {@code applied} must start: the last offset
     * marked durable, so that applies after it are undone and made again rather than trusted
     * (a crash may have kept any part of them, including the applied offset without its rows).
     * Never before the oldest record still held, never after {@code applied}; {@code applied} for
     * a log that never marked an offset.
     */
    public synchronized long replayStart(long applied) {
        long start = segments.get(0).base();
        return Math.min(applied, Math.max(durable.orElse(applied), start));
    }

    /**
     * Records that the database has applied the records up to {@code offset} and made them
     * durable. Written to a new file moved over the old one, so a crash leaves one of the two.
     */
    public synchronized void markDurable(long offset) {
        Path file = dir.resolve(DURABLE_FILE);
        Path next = dir.resolve(DURABLE_FILE + ".next");
        try {
            Files.writeString(next, Long.toString(offset), StandardCharsets.US_ASCII);
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            durable = OptionalLong.of(offset);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not record the durable offset of the metric log in " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    /** Appends a batch; when this returns it survives a killed process. Returns the offset just past it. */
    public synchronized long append(String runId, MetricBatch batch) {
        if (broken != null) {
            throw new UncheckedIOException("The metric log in " + dir + " failed earlier and takes no more writes",
                    broken);
        }
        buffer = RecordCodec.encode(runId, batch, buffer);
        int length = buffer.remaining();
        long position = 0;
        try {
            position = current.position();
            while (buffer.hasRemaining()) {
                current.write(buffer);
            }
        } catch (IOException e) {
            undo(position);
            throw new UncheckedIOException("Could not write to the metric log in " + dir + ": " + e.getMessage(), e);
        }
        end += length;
        last().appended(length);
        if (position + length >= segmentBytes) {
            rotate();
        }
        return end;
    }

    /** Reads every record that ends after {@code from} (a record boundary), oldest first. */
    public synchronized void replay(long from, Consumer<Entry> sink) {
        for (Segment segment : segments) {
            if (segment.end() > from) {
                segment.read(Math.max(from, segment.base()), segment.end(), sink);
            }
        }
    }

    /** Deletes segments whose records all end at or before {@code durablyApplied}; the current one stays. */
    public synchronized void release(long durablyApplied) {
        while (segments.size() > 1 && segments.get(0).end() <= durablyApplied) {
            segments.remove(0).delete();
        }
    }

    /** True when {@link #release} would delete a segment. */
    public synchronized boolean releasable(long durablyApplied) {
        return segments.size() > 1 && segments.get(0).end() <= durablyApplied;
    }

    /** Empties the log once everything in it is durably applied: the next record starts a new segment. */
    public synchronized void reset(long durablyApplied) {
        if (durablyApplied < end) {
            throw new IllegalStateException("The metric log holds records past " + durablyApplied);
        }
        if (last().end() > last().base()) {
            rotate();
        }
        release(durablyApplied);
    }

    private Segment last() {
        return segments.get(segments.size() - 1);
    }

    @Override
    public synchronized void close() {
        closeQuietly(current);
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel closes next, which releases the lock anyway
        }
        closeQuietly(lockChannel);
    }

    private void recover(long applied) throws IOException {
        Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        while (last != null && !last.hasHeader()) {
            // Killed while starting this segment: nothing was written to it.
            segments.remove(segments.size() - 1).delete();
            last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        }
        if (last != null) {
            last.cutTornTail();
        }
        end = last == null ? applied : last.end();
        if (end < applied) {
            LOG.warn("The metric log in {} ends at offset {} but the database has applied up to {}; starting over"
                    + " at {}", dir, end, applied, applied);
            segments.forEach(Segment::delete);
            segments.clear();
            end = applied;
        }
        if (segments.isEmpty()) {
            segments.add(Segment.create(dir, end));
        }
        current = segments.get(segments.size() - 1).openForAppend();
    }

    private void rotate() {
        try {
            current.close();
            Segment next = Segment.create(dir, end);
            segments.add(next);
            current = next.openForAppend();
        } catch (IOException e) {
            broken = e;
            throw new UncheckedIOException("Could not start a new metric log segment in " + dir, e);
        }
    }

    // A failed write may have left part of a record: cut it off, or take no more writes.
    private void undo(long position) {
        try {
            current.truncate(position);
            current.position(position);
        } catch (IOException e) {
            broken = e;
        }
    }

    private static OptionalLong readDurable(Path dir) throws IOException {
        Path file = dir.resolve(DURABLE_FILE);
        if (!Files.exists(file)) {
            return OptionalLong.empty();
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IOException("The durable offset file " + file + " holds '" + text + "', not an offset", e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path dir) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IllegalStateException("The metric log in " + dir + " is in use by another store; open each"
                    + " database once.");
        }
        return lock;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing on a failure path or at shutdown
            }
        }
    }

    /** Segment files sorted by base offset. */
    static List<Path> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(Segment::isSegment).sorted().toList());
        }
    }
}
