package dev.sextant.data.version;

import dev.sextant.data.read.ColumnHeader;
import dev.sextant.data.read.DataFormat;
import java.util.List;

/** A version about to be stored: everything but its number, which the store assigns. */
public record NewDatasetVersion(String name, String sha256, long size, DataFormat format, long rows,
                                List<ColumnHeader> schema, String createdBy, long createdAt, String source) {
    public NewDatasetVersion {
        schema = List.copyOf(schema);
    }

    public DatasetVersion numbered(long version) {
        return new DatasetVersion(name, version, sha256, size, format, rows, schema, createdBy, createdAt, source);
    }
}
