package dev.sextant.server.training;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.server.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directories ({@code training.data-roots}) under which training may read files named by a
 * server path. A path is admitted only when its real path (symbolic links followed, {@code ..}
 * gone) lies under the real path of a root, so neither {@code ..} nor a link inside a root leads
 * out of it. A refusal reads the same whether or not the file exists: the answer must not tell a
 * caller what is on the server outside the roots.
 */
final class DataRoots {
    private static final Logger LOG = LoggerFactory.getLogger(DataRoots.class);

    private final List<Root> roots;

    /**
     * A root as configured (absolute, normalised) and its real path, resolved once: a root is what
     * it was when the server started. Clients may name files through either.
     */
    private record Root(Path configured, Path real) {
        Optional<Path> holding(Path file) {
            return file.startsWith(configured) ? Optional.of(configured)
                    : file.startsWith(real) ? Optional.of(real) : Optional.empty();
        }
    }

    private DataRoots(List<Root> roots) {
        this.roots = List.copyOf(roots);
    }

    /** The given directories (checked to exist by the configuration), resolved to their real paths and logged. */
    static DataRoots of(List<Path> directories) {
        List<Root> roots = new ArrayList<>();
        for (Path directory : directories) {
            Path configured = directory.toAbsolutePath().normalize();
            try {
                roots.add(new Root(configured, configured.toRealPath()));
            } catch (IOException e) {
                throw new ConfigException("training.data-roots", "Configuration 'training.data-roots' names "
                        + directory + ", which cannot be resolved (" + e.getMessage() + "). Fix the path or remove it.");
            }
        }
        DataRoots dataRoots = new DataRoots(roots);
        if (roots.isEmpty()) {
            LOG.info("Training reads no server paths (training.data-roots is empty): data comes as runs:/ artifacts");
        } else {
            LOG.info("Training may read server files under {} (training.data-roots)", dataRoots.describe());
        }
        return dataRoots;
    }

    /**
     * The real path of {@code file} (absolute and normalised) when it lies under a root; 403 when it
     * does not, or when it cannot be shown to, e.g. a link inside a root that points nowhere.
     */
    Path admit(Path file, String asGiven) {
        // Decided from the text alone first: the file system is not even asked about paths outside the roots.
        Path root = roots.stream().flatMap(r -> r.holding(file).stream()).findFirst()
                .orElseThrow(() -> refused(asGiven));
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            if (throughLink(root, file)) {
                throw refused(asGiven);
            }
            throw SextantException.notFound("No readable file at '" + asGiven + "' on the server ('data'), which "
                    + "is under the data root " + root + ". Check the path.");
        } catch (IOException | SecurityException e) {
            throw refused(asGiven);
        }
        if (roots.stream().noneMatch(r -> real.startsWith(r.real()))) {
            throw refused(asGiven);
        }
        return real;
    }

    /**
     * Whether an existing part of the path below its root is a symbolic link: then a missing file
     * may lie outside the roots, and saying "not found" would tell what is there.
     */
    private static boolean throughLink(Path root, Path file) {
        Path walked = root;
        for (Path name : root.relativize(file)) {
            walked = walked.resolve(name);
            if (Files.isSymbolicLink(walked)) {
                return true;
            }
            if (!Files.exists(walked, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return false;
    }

    private String describe() {
        return String.join(", ", roots.stream().map(r -> r.configured().equals(r.real()) ? r.real().toString()
                : r.configured() + " (" + r.real() + ")").toList());
    }

    private SextantException refused(String asGiven) {
        String allowed = roots.isEmpty() ? "This server reads no server paths for training (training.data-roots is "
                + "empty)."
                : "This server reads training data only under " + describe() + " (training.data-roots).";
        return new SextantException(ErrorCode.PERMISSION_DENIED, "'data' is '" + asGiven + "', which training may "
                + "not read. " + allowed + " Push the file as a dataset version ('sextant datasets push NAME FILE') and "
                + "train on datasets:/<name>/<version>, log it as an artifact of a run and train on "
                + "runs:/<run id>/<path>, or ask the operator to add its directory to training.data-roots (sextant.yaml, "
                + "SEXTANT_TRAINING_DATA_ROOTS or --training-data-root).");
    }
}
