package dev.sextant.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every commit the embedded store acknowledges survives a SIGKILL of the JVM: a child process
 * logs point after point and is killed right after acknowledging one; the database must hold at
 * least every acknowledged point when it is opened again.
 */
class H2DurabilityTest {
    private static final int ACKNOWLEDGED = 300;

    @TempDir
    Path dataDir;

    @Test
    void acknowledgedCommitsSurviveAKilledProcess() throws Exception {
        String url = MetadataDatabase.embeddedUrl(dataDir);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DurabilityWriter.class.getName(), url)
                .redirectError(dataDir.resolve("child.err").toFile())
                .start();
        long acknowledged = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                acknowledged = Long.parseLong(line.substring("committed ".length()));
                if (acknowledged == ACKNOWLEDGED) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hooks, no H2 close
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).as("the child got going; see child.err").isEqualTo(ACKNOWLEDGED);

        try (MetadataDatabase db = MetadataDatabase.open(url, "sa", "")) {
            List<?> history = db.trackingStore().metricHistory(DurabilityWriter.RUN_ID, "m", 0, 1_000_000);
            assertThat(history.size()).isGreaterThan(ACKNOWLEDGED);
        }
    }
}
