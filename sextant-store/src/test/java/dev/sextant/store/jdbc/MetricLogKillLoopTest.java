package dev.sextant.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.tracking.Metric;
import dev.sextant.tracking.TrackingStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs a child JVM writing metrics through the embedded store, over and over, at random
 * moments (seeded), on the same database; each start must open it (undoing and replaying what
 * the kill interrupted). At the end every acknowledged point is stored exactly once, no point
 * at all is stored twice, and each series reports its last point. More rounds:
 * {@code -Dsextant.killLoop.rounds=200}.
 */
class MetricLogKillLoopTest {
    private static final int ROUNDS = Integer.getInteger("sextant.killLoop.rounds", 8);
    private static final long SEED = Long.getLong("sextant.killLoop.seed", 20261124L);
    private static final long BATCHES_PER_ROUND = 1_000_000_000L;

    @Test
    void everyAcknowledgedPointIsStoredOnceAfterRepeatedKills(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dataDir)
            throws Exception {
        String url = MetadataDatabase.embeddedUrl(dataDir);
        Random random = new Random(SEED);
        Set<Long> acknowledged = new HashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            long killAfterMillis = 50 + random.nextInt(1_500);
            acknowledged.addAll(runAndKill(url, dataDir, round, killAfterMillis));
        }
        assertThat(acknowledged).as("batches acknowledged over %d rounds", ROUNDS).hasSizeGreaterThan(ROUNDS);
        System.out.printf("kill loop: %d kills, %d batches acknowledged, %d starts undid applies made after the last durable offset%n", ROUNDS,
                acknowledged.size(), undoingStarts(dataDir));

        try (MetadataDatabase db = MetadataDatabase.open(url, "sa", "")) {
            TrackingStore store = db.trackingStore();
            Map<String, Map<Long, Integer>> copies = new HashMap<>();
            List<Metric> latest = new ArrayList<>();
            for (String key : List.of("seq", "late", "tick")) {
                Map<Long, Integer> byStep = new HashMap<>();
                List<Metric> history = store.metricHistory(KillLoopWriter.RUN_ID, key, 0, Integer.MAX_VALUE);
                history.forEach(m -> {
                    assertThat(m).as("stored as logged").isEqualTo(KillLoopWriter.metric(key, m.step()));
                    byStep.merge(m.step(), 1, Integer::sum);
                });
                assertThat(byStep.entrySet()).as("%s points stored twice", key).allMatch(e -> e.getValue() == 1);
                copies.put(key, byStep);
                latest.add(history.get(history.size() - 1));
            }
            List<Metric> missing = new ArrayList<>();
            for (long n : acknowledged) {
                for (Metric m : KillLoopWriter.points(n)) {
                    if (!copies.get(m.key()).containsKey(m.step())) {
                        missing.add(m);
                    }
                }
            }
            assertThat(missing).as("acknowledged points missing").isEmpty();
            assertThat(store.getRun(KillLoopWriter.RUN_ID).orElseThrow().data().metrics())
                    .as("latest values").containsExactlyInAnyOrderElementsOf(latest);
        }
    }

    /** One child: started on the database, killed {@code killAfterMillis} after it is ready. Returns its acks. */
    private static Set<Long> runAndKill(String url, Path dataDir, int round, long killAfterMillis) throws Exception {
        Path err = dataDir.resolve("child-" + round + ".err");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KillLoopWriter.class.getName(), url,
                Long.toString(round * BATCHES_PER_ROUND))
                .redirectError(err.toFile())
                .start();
        // A child that stops printing (hung) is killed too, and found out below by its missing acks.
        CompletableFuture.delayedExecutor(killAfterMillis + 120_000, TimeUnit.MILLISECONDS)
                .execute(child::destroyForcibly);
        Set<Long> acks = new HashSet<>();
        boolean ready = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            long killAt = Long.MAX_VALUE;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals("ready")) {
                    ready = true;
                    killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(killAfterMillis);
                } else if (line.startsWith("ack ")) {
                    acks.add(Long.parseLong(line.substring(4)));
                }
                if (System.nanoTime() >= killAt) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hooks, no store close
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(ready).as("round %d: the store opened after the previous kill; child said:%n%s", round,
                stderr(err)).isTrue();
        return acks;
    }

    /** Starts whose log says they undid rows beyond the applied offset (H2 kept part of an apply). */
    private static long undoingStarts(Path dataDir) throws IOException {
        long starts = 0;
        for (int round = 0; round < ROUNDS; round++) {
            if (stderr(dataDir.resolve("child-" + round + ".err")).contains("Undid the metric points applied beyond")) {
                starts++;
            }
        }
        return starts;
    }

    private static String stderr(Path err) throws IOException {
        return Files.exists(err) ? Files.readString(err) : "";
    }
}
