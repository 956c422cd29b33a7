package dev.sextant.data.version;

import dev.sextant.data.read.ColumnHeader;
import dev.sextant.data.read.DataFormat;
import java.util.List;

/**
 * One immutable version of a dataset: the SHA-256 and size of its bytes, the format they were read
 * as, and the columns and row count the reader found in them.
 *
 * @param source a free note on where the data came from (a path, a query, a URL), "" when none was given
 */
public record DatasetVersion(String name, long version, String sha256, long size, DataFormat format, long rows,
                             List<ColumnHeader> schema, String createdBy, long createdAt, String source) {
    public DatasetVersion {
        schema = List.copyOf(schema);
    }

    /** {@code datasets:/name/3}. */
    public String uri() {
        return DatasetUri.of(name, version);
    }

    /**
     * {@code name-v3.csv}: the file name a copy of the bytes gets wherever it is read, so a run
     * trained on the version names its dataset the same whether the server or the CLI read it.
     */
    public String fileName() {
        return fileName(name, version, format);
    }

    public static String fileName(String name, long version, DataFormat format) {
        return name + "-v" + version + format.extension();
    }
}
