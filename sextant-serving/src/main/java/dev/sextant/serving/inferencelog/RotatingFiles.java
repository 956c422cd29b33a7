package dev.sextant.serving.inferencelog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/**
 * JSON-lines files {@code inference-<UTC time>-<writer>-<n>.jsonl}: a new file once the current
 * one passes the size limit, and the oldest deleted beyond the file count. Names sort in the order
 * written; the writer id keeps servers that share a data directory out of each other's files.
 */
final class RotatingFiles implements AutoCloseable {
    static final String PREFIX = "inference-";
    static final String SUFFIX = ".jsonl";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final long maxBytes;
    private final int maxFiles;
    private final Clock clock;
    private final String writer;
    private OutputStream out;
    private long written;
    private int sequence;

    RotatingFiles(Path directory, long maxBytes, int maxFiles, Clock clock, String writer) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
        this.clock = clock;
        Files.createDirectories(directory);
    }

    void write(byte[] lines) throws IOException {
        if (out == null || written >= maxBytes) {
            roll();
        }
        out.write(lines);
        written += lines.length;
    }

    void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    private void roll() throws IOException {
        if (out != null) {
            out.close();
        }
        Path file = directory.resolve(PREFIX + STAMP.format(clock.instant()) + "-" + writer + "-"
                + String.format("%06d", sequence++) + SUFFIX);
        out = new java.io.BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), 64 * 1024);
        written = Files.size(file);
        prune();
    }

    private void prune() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(p -> p.getFileName().toString().startsWith(PREFIX)
                    && p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
        for (int i = 0; i < files.size() - maxFiles; i++) {
            Files.deleteIfExists(files.get(i));
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
