package dev.sextant.store.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

/** The security kit on the embedded H2 file database. */
class H2SecurityStoreTest extends SecurityStoreContract {
    @TempDir
    Path dataDir;

    @Override
    protected MetadataDatabase openDatabase() {
        return MetadataDatabase.open(MetadataDatabase.embeddedUrl(dataDir), "sa", "");
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return DriverManager.getConnection(MetadataDatabase.embeddedUrl(dataDir), "sa", "");
    }
}
