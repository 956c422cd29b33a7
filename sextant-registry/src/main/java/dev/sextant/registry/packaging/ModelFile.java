package dev.sextant.registry.packaging;

import dev.sextant.api.SextantException;
import java.util.regex.Pattern;

/**
 * One file of a model package.
 *
 * @param path relative POSIX path inside the package, e.g. {@code model.onnx}
 * @param sha256 lower-case hex SHA-256 of the bytes
 * @param size in bytes
 */
public record ModelFile(String path, String sha256, long size) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public ModelFile {
        PackagePaths.requireRelative(path);
        if (!HEX.matcher(sha256).matches()) {
            throw SextantException.invalid("Invalid digest for '" + path + "': expected 64 lower-case hex digits of SHA-256, got '"
                    + sha256 + "'.");
        }
        if (size < 0) {
            throw SextantException.invalid("Invalid size for '" + path + "': " + size + ".");
        }
    }
}
