package dev.sextant.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.tracking.Run;
import dev.sextant.tracking.RunData;
import dev.sextant.tracking.Tag;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every commit the embedded store acknowledges survives a SIGKILL of the JVM: a child process
 * writes and is killed right after acknowledging a write; the database must hold at least every
 * acknowledged write when it is opened again. Metric points are made durable by the metric log,
 * runs, params and tags by checkpoints that concurrent writers share.
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

    @Test
    void acknowledgedRunsParamsAndTagsOfConcurrentWritersSurviveAKilledProcess() throws Exception {
        String url = MetadataDatabase.embeddedUrl(dataDir);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RunDurabilityWriter.class.getName(), url)
                .redirectError(dataDir.resolve("child.err").toFile())
                .start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                acknowledged.add(line.substring("acknowledged ".length()));
                if (acknowledged.size() == ACKNOWLEDGED) {
                    child.destroyForcibly(); // SIGKILL right after an acknowledgement
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).as("the child got going; see child.err").hasSize(ACKNOWLEDGED);

        try (MetadataDatabase db = MetadataDatabase.open(url, "sa", "")) {
            for (String runId : acknowledged) {
                RunData data = db.trackingStore().getRun(runId).map(Run::data).orElseThrow(
                        () -> new AssertionError("acknowledged run " + runId + " is gone"));
                assertThat(data.params()).as(runId).containsExactlyElementsOf(RunDurabilityWriter.params(runId));
                assertThat(data.tags()).as(runId).contains(new Tag("t", runId));
            }
        }
    }
}
