package dev.sextant.store.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.api.artifact.ArtifactStore.ArtifactContent;
import dev.sextant.api.artifact.ArtifactStore.ArtifactEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalArtifactStoreTest {
    private static final String HELLO_SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @TempDir
    Path root;

    @Test
    void putReturnsDigestAndSizeAndOpenStreamsTheBytesBack() throws IOException {
        LocalArtifactStore store = new LocalArtifactStore(root);

        ArtifactEntry entry = store.put("model/weights.bin", bytes("hello"));

        assertThat(entry).isEqualTo(new ArtifactEntry("model/weights.bin", false, 5, HELLO_SHA256));
        assertThat(root.resolve("blobs/sha256/2c/" + HELLO_SHA256)).hasContent("hello");
        ArtifactContent content = store.open("model/weights.bin").orElseThrow();
        try (InputStream in = content.stream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
        assertThat(content.entry()).isEqualTo(entry);
        assertThat(store.open("model/missing.bin")).isEmpty();
        assertThat(store.open("model")).as("a directory is not a file").isEmpty();
    }

    @Test
    void identicalContentIsStoredOnce() throws IOException {
        LocalArtifactStore store = new LocalArtifactStore(root);
        store.put("a.txt", bytes("hello"));
        store.put("dir/b.txt", bytes("hello"));
        store.put("c.txt", bytes("other"));

        try (Stream<Path> blobs = Files.walk(root.resolve("blobs"))) {
            assertThat(blobs.filter(Files::isRegularFile)).hasSize(2);
        }
        try (Stream<Path> temp = Files.list(root.resolve("tmp"))) {
            assertThat(temp).as("no temporary files are left behind").isEmpty();
        }
    }

    @Test
    void putReplacesAnEarlierFile() throws IOException {
        LocalArtifactStore store = new LocalArtifactStore(root);
        store.put("a.txt", bytes("first"));
        store.put("a.txt", bytes("hello"));

        assertThat(store.open("a.txt").orElseThrow().entry().sha256()).isEqualTo(HELLO_SHA256);
        try (InputStream in = store.open("a.txt").orElseThrow().stream()) {
            assertThat(in.readAllBytes()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void listShowsDirectChildrenSortedWithDirectories() {
        LocalArtifactStore store = new LocalArtifactStore(root);
        store.put("b.txt", bytes("hello"));
        store.put("a/x.txt", bytes("x"));
        store.put("a/deeper/y.txt", bytes("yy"));
        store.put("c/z.txt", bytes("z"));

        assertThat(store.list("")).containsExactly(new ArtifactEntry("a", true, 0, ""),
                new ArtifactEntry("b.txt", false, 5, HELLO_SHA256), new ArtifactEntry("c", true, 0, ""));
        assertThat(store.list("a")).extracting(ArtifactEntry::path, ArtifactEntry::directory, ArtifactEntry::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a/deeper", true, 0L),
                        org.assertj.core.groups.Tuple.tuple("a/x.txt", false, 1L));
        assertThat(store.list("nothing/here")).isEmpty();
        assertThat(store.list("b.txt")).as("a file has no children").isEmpty();
    }

    @Test
    void deleteRemovesFilesAndWholeDirectories() {
        LocalArtifactStore store = new LocalArtifactStore(root);
        store.put("run/artifacts/model/a.bin", bytes("a"));
        store.put("run/artifacts/model/b.bin", bytes("b"));
        store.put("run/artifacts/metrics.json", bytes("{}"));

        assertThat(store.delete("run/artifacts/model/a.bin")).isTrue();
        assertThat(store.open("run/artifacts/model/a.bin")).isEmpty();
        assertThat(store.delete("run/artifacts/model/a.bin")).isFalse();

        assertThat(store.delete("run/artifacts/model")).isTrue();
        assertThat(store.list("run/artifacts")).extracting(ArtifactEntry::path).containsExactly("run/artifacts/metrics.json");

        assertThat(store.delete("run/artifacts/metrics.json")).isTrue();
        assertThat(store.list("")).as("empty directories disappear, as in object stores").isEmpty();
    }

    @Test
    void filesAndDirectoriesCannotShareAName() {
        LocalArtifactStore store = new LocalArtifactStore(root);
        store.put("a/b.txt", bytes("x"));
        store.put("f", bytes("x"));

        assertInvalid(() -> store.put("a", bytes("y")), "a directory exists at that path");
        assertInvalid(() -> store.put("f/g.txt", bytes("y")), "'f' is a file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "../outside", "a/../../b", "a//b", "a/", "a\\b", "./a", "a/./b"})
    void unsafePathsAreRejected(String path) {
        LocalArtifactStore store = new LocalArtifactStore(root);
        assertInvalid(() -> store.put(path, bytes("x")), "Invalid artifact path '" + path + "'");
        assertInvalid(() -> store.open(path), "Invalid artifact path");
        assertInvalid(() -> store.list(path), "Invalid artifact path");
        assertInvalid(() -> store.delete(path), "Invalid artifact path");
    }

    @Test
    void namesLongerThanFileSystemsAllowAreRefusedButTheLongestAllowedIsStored() {
        LocalArtifactStore store = new LocalArtifactStore(root);
        assertInvalid(() -> store.put("dir/" + "n".repeat(256), bytes("x")), "longer than 255 bytes");
        assertInvalid(() -> store.put("é".repeat(128), bytes("x")), "longer than 255 bytes");

        String longest = "n".repeat(255);
        store.put("dir/" + longest, bytes("x"));
        assertThat(store.list("dir")).extracting(ArtifactEntry::path).containsExactly("dir/" + longest);
    }

    @Test
    void emptyPathIsOnlyTheRootDirectory() {
        LocalArtifactStore store = new LocalArtifactStore(root);
        assertInvalid(() -> store.put("", bytes("x")), "a file or directory path is required");
        assertInvalid(() -> store.delete(""), "a file or directory path is required");
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void largeFilesAreStreamedThrough() throws Exception {
        LocalArtifactStore store = new LocalArtifactStore(root);
        long size = 200L << 20;
        GeneratedStream generated = new GeneratedStream(size);

        ArtifactEntry entry = store.put("big/data.bin", generated);

        assertThat(entry.size()).isEqualTo(size);
        assertThat(entry.sha256()).isEqualTo(generated.sha256());
        MessageDigest readBack = MessageDigest.getInstance("SHA-256");
        try (InputStream in = store.open("big/data.bin").orElseThrow().stream();
             OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), readBack)) {
            assertThat(in.transferTo(sink)).isEqualTo(size);
        }
        assertThat(HexFormat.of().formatHex(readBack.digest())).isEqualTo(entry.sha256());
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SextantException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
            assertThat(e.getMessage()).contains(message);
        });
    }

    /** Pseudo-random bytes made on the fly, hashed as they are handed out: nothing is held in memory. */
    private static final class GeneratedStream extends InputStream {
        private final MessageDigest digest;
        private long remaining;
        private long state = 0x9E3779B97F4A7C15L;

        GeneratedStream(long size) throws Exception {
            this.remaining = size;
            this.digest = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(length, remaining);
            for (int i = 0; i < n; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                buffer[offset + i] = (byte) state;
            }
            digest.update(buffer, offset, n);
            remaining -= n;
            return n;
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
