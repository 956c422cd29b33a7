package dev.sextant.store.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The dataset kit on the embedded default: an H2 file database, as the server opens it. */
class H2DatasetStoreTest extends DatasetStoreContract {
    @TempDir
    Path dataDir;

    @Override
    protected MetadataDatabase openDatabase() {
        return MetadataDatabase.open(MetadataDatabase.embeddedUrl(dataDir), "sa", "");
    }
}
