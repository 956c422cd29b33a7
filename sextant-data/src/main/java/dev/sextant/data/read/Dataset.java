package dev.sextant.data.read;

import dev.sextant.data.table.DataTable;
import java.nio.file.Path;

/**
 * A table read from a file, with the SHA-256 of the file's bytes: the same digest means the same
 * data, whatever the file is called.
 */
public record Dataset(String name, Path source, DataFormat format, String sha256, DataTable table) {

    /** The digest shortened to MLflow's limit for dataset digests (36 characters). */
    public String shortDigest() {
        return sha256.substring(0, 32);
    }
}
