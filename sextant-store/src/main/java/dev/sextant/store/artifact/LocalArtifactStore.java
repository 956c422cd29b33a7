package dev.sextant.store.artifact;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.api.artifact.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Artifacts in a local directory. Bytes live once per content under
 * {@code <root>/blobs/sha256/<first two hex digits>/<hex>}; the path namespace is a tree of small
 * ref files under {@code <root>/refs/<path>}, each naming a digest and a size, so listing is a
 * directory walk and identical files share one blob. Uploads stream through a temporary file in
 * {@code <root>/tmp} while being hashed, then move into place atomically.
 * <p>
 * Deleting a path removes refs only; blobs are not garbage-collected (another ref may share them,
 * and a model version may pin the digest). A sweep of unreferenced blobs can come later.
 */
public final class LocalArtifactStore implements ArtifactStore {
    private static final int ATTEMPTS = 3;

    private final Path refs;
    private final Path blobs;
    private final Path tmp;

    public LocalArtifactStore(Path root) {
        this.refs = root.resolve("refs");
        this.blobs = root.resolve("blobs").resolve("sha256");
        this.tmp = root.resolve("tmp");
        try {
            Files.createDirectories(refs);
            Files.createDirectories(blobs);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw failure("Could not create the artifact store at " + root, e);
        }
    }

    @Override
    public ArtifactEntry put(String path, InputStream content) {
        ArtifactPath target = ArtifactPath.of(path);
        Path ref = target.under(refs);
        requireFileSlot(target, ref);
        Ref written = writeBlob(target, content);
        writeRef(target, ref, written);
        return written.entry(target.toString());
    }

    @Override
    public Optional<ArtifactContent> open(String path) {
        ArtifactPath target = ArtifactPath.of(path);
        Optional<Ref> ref = readRef(target.under(refs));
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        try {
            InputStream stream = Files.newInputStream(blob(ref.get().sha256()));
            return Optional.of(new ArtifactContent(ref.get().entry(target.toString()), stream));
        } catch (IOException e) {
            throw failure("Artifact '" + target + "' refers to blob " + ref.get().sha256() + ", which cannot be read", e);
        }
    }

    @Override
    public List<ArtifactEntry> list(String directory) {
        ArtifactPath dir = ArtifactPath.directory(directory);
        Path folder = dir.under(refs);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<ArtifactEntry> entries = new ArrayList<>();
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : children.toList()) {
                ArtifactPath childPath = dir.child(child.getFileName().toString());
                if (Files.isDirectory(child)) {
                    entries.add(new ArtifactEntry(childPath.toString(), true, 0, ""));
                } else {
                    readRef(child).ifPresent(ref -> entries.add(ref.entry(childPath.toString())));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw failure("Could not list artifacts under '" + dir + "'", e);
        }
        entries.sort(Comparator.comparing(ArtifactEntry::path));
        return entries;
    }

    @Override
    public boolean delete(String path) {
        ArtifactPath target = ArtifactPath.of(path);
        Path ref = target.under(refs);
        if (!Files.exists(ref)) {
            return false;
        }
        try (Stream<Path> tree = Files.walk(ref)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException e) {
            // Deleted concurrently: the outcome is the same.
        } catch (IOException e) {
            throw failure("Could not delete artifact '" + target + "'", e);
        }
        pruneEmptyParents(ref.getParent());
        return true;
    }

    /** Streams the content into a temporary file while hashing it, then files it under its digest. */
    private Ref writeBlob(ArtifactPath target, InputStream content) {
        Path upload = null;
        try {
            upload = Files.createTempFile(tmp, "upload-", ".part");
            MessageDigest sha256 = sha256();
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(upload), sha256)) {
                size = content.transferTo(out);
            }
            String hex = HexFormat.of().formatHex(sha256.digest());
            Path blob = blob(hex);
            if (Files.exists(blob)) {
                Files.delete(upload);
            } else {
                Files.createDirectories(blob.getParent());
                Files.move(upload, blob, StandardCopyOption.ATOMIC_MOVE);
            }
            return new Ref(hex, size);
        } catch (IOException e) {
            deleteQuietly(upload);
            throw failure("Could not store artifact '" + target + "'", e);
        }
    }

    /** Replaces the ref atomically, so readers see the old file or the new one, never a torn one. */
    private void writeRef(ArtifactPath target, Path ref, Ref content) {
        for (int attempt = 1; ; attempt++) {
            Path staged = null;
            try {
                staged = Files.createTempFile(tmp, "ref-", ".part");
                Files.writeString(staged, content.format(), StandardCharsets.UTF_8);
                Files.createDirectories(ref.getParent());
                Files.move(staged, ref, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return;
            } catch (NoSuchFileException | DirectoryNotEmptyException | FileAlreadyExistsException e) {
                // A concurrent delete pruned the parent directory, or a directory took the name.
                deleteQuietly(staged);
                requireFileSlot(target, ref);
                if (attempt == ATTEMPTS) {
                    throw failure("Could not store artifact '" + target + "'", e);
                }
            } catch (IOException e) {
                deleteQuietly(staged);
                throw failure("Could not store artifact '" + target + "'", e);
            }
        }
    }

    /** A file may not replace a directory, nor sit below another file. */
    private void requireFileSlot(ArtifactPath target, Path ref) {
        if (Files.isDirectory(ref)) {
            throw SextantException.invalid("Cannot write artifact '" + target + "': a directory exists at that path.");
        }
        for (Path parent = ref.getParent(); !parent.equals(refs); parent = parent.getParent()) {
            if (Files.isRegularFile(parent)) {
                throw SextantException.invalid("Cannot write artifact '" + target + "': '"
                        + refs.relativize(parent).toString().replace('\\', '/') + "' is a file, not a directory.");
            }
        }
    }

    private Optional<Ref> readRef(Path ref) {
        if (!Files.isRegularFile(ref)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Ref.parse(Files.readString(ref, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("Could not read artifact reference " + ref, e);
        }
    }

    // Object stores have no empty directories; neither does this namespace.
    private void pruneEmptyParents(Path dir) {
        for (Path p = dir; !p.equals(refs); p = p.getParent()) {
            try {
                Files.delete(p);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            } catch (IOException e) {
                throw failure("Could not remove the empty directory " + p, e);
            }
        }
    }

    private Path blob(String hex) {
        return blobs.resolve(hex.substring(0, 2)).resolve(hex);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // Leftover temporary file: harmless, and the original failure matters more.
            }
        }
    }

    private static SextantException failure(String message, IOException cause) {
        return new SextantException(ErrorCode.INTERNAL_ERROR, message + ": " + cause, cause);
    }

    /** The content of a ref file: {@code sha256:<hex> <size>}. */
    private record Ref(String sha256, long size) {
        static Ref parse(String text) {
            String[] parts = text.trim().split(" ");
            if (parts.length != 2 || !parts[0].startsWith("sha256:")) {
                throw new SextantException(ErrorCode.INTERNAL_ERROR, "Malformed artifact reference: " + text);
            }
            return new Ref(parts[0].substring("sha256:".length()), Long.parseLong(parts[1]));
        }

        String format() {
            return "sha256:" + sha256 + " " + size + "\n";
        }

        ArtifactEntry entry(String path) {
            return new ArtifactEntry(path, false, size, sha256);
        }
    }
}
