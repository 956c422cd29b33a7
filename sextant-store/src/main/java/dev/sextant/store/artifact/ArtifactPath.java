package dev.sextant.store.artifact;

import dev.sextant.api.SextantException;
import java.nio.file.Path;
import java.util.List;

/** A validated relative POSIX path inside the store; "" is the root (only where allowed). */
record ArtifactPath(List<String> segments) {
    /** File systems refuse longer names (ext4, xfs, APFS: 255 bytes per name). */
    static final int MAX_SEGMENT_BYTES = 255;

    ArtifactPath {
        segments = List.copyOf(segments);
    }

    /** A file or directory path: not empty. */
    static ArtifactPath of(String path) {
        ArtifactPath parsed = parse(path);
        if (parsed.isRoot()) {
            throw SextantException.invalid("Invalid artifact path '': a file or directory path is required.");
        }
        return parsed;
    }

    /** A directory path, where "" means the root. */
    static ArtifactPath directory(String path) {
        return parse(path);
    }

    private static ArtifactPath parse(String path) {
        if (path.isEmpty()) {
            return new ArtifactPath(List.of());
        }
        String problem = path.startsWith("/") ? "absolute paths are not allowed"
                : path.indexOf('\\') >= 0 ? "backslashes are not allowed; use '/'"
                : path.indexOf('\0') >= 0 ? "NUL characters are not allowed"
                : "";
        if (problem.isEmpty()) {
            List<String> segments = List.of(path.split("/", -1));
            for (String segment : segments) {
                if (segment.isEmpty()) {
                    problem = "empty path segments ('//' or a trailing '/') are not allowed";
                } else if (segment.equals("..") || segment.equals(".")) {
                    problem = "'" + segment + "' segments are not allowed";
                } else if (segment.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                    problem = "a file or directory name is longer than " + MAX_SEGMENT_BYTES
                            + " bytes; use a shorter name";
                }
            }
            if (problem.isEmpty()) {
                return new ArtifactPath(segments);
            }
        }
        throw SextantException.invalid("Invalid artifact path '" + path + "': " + problem + ".");
    }

    boolean isRoot() {
        return segments.isEmpty();
    }

    Path under(Path root) {
        Path resolved = root;
        for (String segment : segments) {
            resolved = resolved.resolve(segment);
        }
        return resolved;
    }

    ArtifactPath child(String name) {
        List<String> longer = new java.util.ArrayList<>(segments);
        longer.add(name);
        return new ArtifactPath(longer);
    }

    @Override
    public String toString() {
        return String.join("/", segments);
    }
}
