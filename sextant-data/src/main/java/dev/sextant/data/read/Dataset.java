package dev.sextant.data.read;

import dev.sextant.data.table.DataTable;
import java.nio.file.Path;

/**
 * A table read from a file, with the SHA-256 of the file's bytes: the same digest means the same
 * data, whatever the file is called.
 */
public record Dataset(String name, Path source, DataFormat format, String sha256, DataTable table) {
}
