package dev.sextant.store.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The release kit on the embedded H2 file database. */
class H2ReleaseStoreTest extends ReleaseStoreContract {
    @TempDir
    Path dataDir;

    @Override
    protected MetadataDatabase openDatabase() {
        return MetadataDatabase.open(MetadataDatabase.embeddedUrl(dataDir), "sa", "");
    }
}
