package dev.sextant.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.ErrorCode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataDatabaseTest {
    @TempDir
    Path dataDir;

    @Test
    void embeddedUrlPointsIntoTheDataDirectory() {
        assertThat(MetadataDatabase.embeddedUrl(Path.of("/srv/sextant")))
                .isEqualTo("jdbc:h2:file:/srv/sextant/metadata/sextant");
    }

    @Test
    void nonAdminH2UsersAreRejectedBecauseTheyCannotMakeWritesDurable() throws Exception {
        String url = MetadataDatabase.embeddedUrl(dataDir);
        MetadataDatabase.open(url, "sa", "").close();
        try (var c = java.sql.DriverManager.getConnection(url, "sa", "");
             var s = c.createStatement()) {
            s.execute("CREATE USER reader PASSWORD 'r'");
        }
        StoreFixture.assertFails(ErrorCode.INVALID_PARAMETER_VALUE, "the user must be an admin",
                () -> MetadataDatabase.open(url, "reader", "r"));
    }

    @Test
    void reopeningKeepsDataAndDoesNotMigrateAgain() {
        String url = MetadataDatabase.embeddedUrl(dataDir);
        try (MetadataDatabase db = MetadataDatabase.open(url, "sa", "")) {
            db.trackingStore().createExperiment("kept", "", "file:///a", List.of(), 1);
        }
        try (MetadataDatabase db = MetadataDatabase.open(url, "sa", "")) {
            assertThat(db.trackingStore().getExperimentByName("kept")).isPresent();
        }
        assertThat(dataDir.resolve("metadata/sextant.mv.db")).exists();
    }

    @Test
    void inMemoryDatabasesLiveUntilClosed() {
        String url = "jdbc:h2:mem:metadata-test";
        try (MetadataDatabase db = MetadataDatabase.open(url, "sa", "")) {
            db.trackingStore().createExperiment("memory", "", "file:///a", List.of(), 1);
            assertThat(db.trackingStore().getExperimentByName("memory")).isPresent();
        }
        try (MetadataDatabase db = MetadataDatabase.open(url, "sa", "")) {
            assertThat(db.trackingStore().getExperimentByName("memory")).isEmpty();
        }
    }

    @Test
    void unsupportedUrlsAreRejected() {
        StoreFixture.assertFails(ErrorCode.INVALID_PARAMETER_VALUE, "Unsupported metadata database URL",
                () -> MetadataDatabase.open("jdbc:mysql://localhost/x", "u", "p"));
    }
}
