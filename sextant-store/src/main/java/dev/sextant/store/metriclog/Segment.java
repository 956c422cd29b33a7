package dev.sextant.store.metriclog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file of the log: a header (magic, base offset) and records. Offset {@code base + n} is byte
 * {@code n} after the header. Named {@code <base as 20 digits>.wal}.
 */
final class Segment {
    private static final Logger LOG = LoggerFactory.getLogger(Segment.class);
    private static final byte[] MAGIC = "SXMLOG1\n".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER = MAGIC.length + Long.BYTES;
    private static final String SUFFIX = ".wal";
    private static final int READ_BUFFER = 1 << 20;

    private final Path file;
    private final long base;
    private long size;

    private Segment(Path file, long base, long size) {
        this.file = file;
        this.base = base;
        this.size = size;
    }

    static boolean isSegment(Path file) {
        String name = file.getFileName().toString();
        return name.length() == 20 + SUFFIX.length() && name.endsWith(SUFFIX)
                && name.chars().limit(20).allMatch(Character::isDigit);
    }

    static List<Segment> list(Path dir) throws IOException {
        List<Segment> segments = new ArrayList<>();
        for (Path file : MetricLog.segmentFiles(dir)) {
            String name = file.getFileName().toString();
            segments.add(new Segment(file, Long.parseLong(name.substring(0, 20)), Files.size(file)));
        }
        return segments;
    }

    static Segment create(Path dir, long base) throws IOException {
        Path file = dir.resolve("%020d%s".formatted(base, SUFFIX));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER).put(MAGIC).putLong(base).flip();
            while (header.hasRemaining()) {
                channel.write(header);
            }
        }
        return new Segment(file, base, HEADER);
    }

    long base() {
        return base;
    }

    /** The offset just past this segment's last record. */
    long end() {
        return base + size - HEADER;
    }

    /** Records {@code bytes} more written at the end. */
    void appended(int bytes) {
        size += bytes;
    }

    boolean hasHeader() throws IOException {
        if (size < HEADER) {
            return false;
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            readFully(channel, header, 0);
        }
        header.flip();
        byte[] magic = new byte[MAGIC.length];
        header.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC) || header.getLong() != base) {
            throw new IllegalStateException("The metric log file " + file + " is not a segment of this log");
        }
        return true;
    }

    FileChannel openForAppend() throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
        channel.position(size);
        return channel;
    }

    /** Checks every record; cuts the file after the last intact one (a crash tore the rest). */
    void cutTornTail() throws IOException {
        long intact = scan(base, end(), null, false);
        if (intact < end()) {
            LOG.warn("Metric log {}: cutting off {} bytes after offset {}, a record torn by a crash while it was"
                    + " being written (it was never acknowledged)", file, end() - intact, intact);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(HEADER + intact - base);
            }
            size = HEADER + intact - base;
        }
    }

    /** Feeds the records in {@code [from, to)} to the sink; damage here is an error. */
    void read(long from, long to, Consumer<MetricLog.Entry> sink) {
        try {
            long stopped = scan(from, to, sink, true);
            if (stopped != to) {
                throw new IllegalStateException("The metric log file " + file + " is damaged at offset " + stopped
                        + "; metric points logged after that cannot be read");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the metric log file " + file, e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete the applied metric log file {}: {}", file, e.getMessage());
        }
    }

    /**
     * Walks records from {@code from}; returns the offset just past the last intact record before
     * {@code to}. Decodes and hands them to the sink when there is one.
     */
    private long scan(long from, long to, Consumer<MetricLog.Entry> sink, boolean decode) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(RecordCodec.HEADER);
            ByteBuffer body = ByteBuffer.allocate(READ_BUFFER);
            long at = from;
            while (at + RecordCodec.HEADER <= to) {
                header.clear();
                readFully(channel, header, HEADER + at - base);
                int length = header.getInt(0);
                int crc = header.getInt(Integer.BYTES);
                long recordEnd = at + RecordCodec.HEADER + length;
                if (length <= 0 || length > RecordCodec.MAX_BODY || recordEnd > to) {
                    return at;
                }
                if (body.capacity() < length) {
                    body = ByteBuffer.allocate(length);
                }
                body.clear().limit(length);
                readFully(channel, body, HEADER + at - base + RecordCodec.HEADER);
                body.flip();
                if (!RecordCodec.intact(body, crc)) {
                    return at;
                }
                if (decode && sink != null) {
                    RecordCodec.Decoded record = RecordCodec.decode(body);
                    sink.accept(new MetricLog.Entry(record.runId(), record.batch(), recordEnd));
                }
                at = recordEnd;
            }
            return at;
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int n = channel.read(into, at);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            at += n;
        }
    }
}
