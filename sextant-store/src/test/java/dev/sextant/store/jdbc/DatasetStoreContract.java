package dev.sextant.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.data.read.ColumnHeader;
import dev.sextant.data.read.DataFormat;
import dev.sextant.data.table.ColumnType;
import dev.sextant.data.version.DatasetInfo;
import dev.sextant.data.version.DatasetStore;
import dev.sextant.data.version.DatasetVersion;
import dev.sextant.data.version.NewDatasetVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The compatibility kit for {@link DatasetStore}, run against each database by a subclass. */
public abstract class DatasetStoreContract {
    private static final List<ColumnHeader> SCHEMA = List.of(new ColumnHeader("date", ColumnType.DATE),
            new ColumnHeader("temp_max", ColumnType.NUMERIC), new ColumnHeader("weather", ColumnType.STRING));

    private MetadataDatabase database;
    private DatasetStore store;

    protected abstract MetadataDatabase openDatabase();

    @BeforeEach
    void open() {
        database = openDatabase();
        store = database.datasetStore();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void firstPushCreatesVersionOneWithEverythingItWasGiven() {
        DatasetStore.Pushed pushed = store.push(version("holdout", "a".repeat(64), 1_000), "2015 days");
        assertThat(pushed.created()).isTrue();
        DatasetVersion expected = new DatasetVersion("holdout", 1, "a".repeat(64), 4096, DataFormat.CSV, 365, SCHEMA,
                "alice", 1_000, "seattle-weather.csv, 2015 rows");
        assertThat(pushed.version()).isEqualTo(expected);
        assertThat(store.version("holdout", 1)).contains(expected);
        assertThat(store.latest("holdout")).contains(expected);
        assertThat(store.get("holdout")).contains(new DatasetInfo("holdout", "2015 days", 1_000, "alice",
                OptionalLong.of(1), 1));
    }

    @Test
    void sameBytesAsTheLatestAreThatVersionAndNewBytesTheNext() {
        store.push(version("holdout", "a".repeat(64), 1_000), "");
        DatasetStore.Pushed again = store.push(version("holdout", "a".repeat(64), 2_000), "");
        assertThat(again.created()).isFalse();
        assertThat(again.version().version()).isEqualTo(1);
        assertThat(again.version().createdAt()).isEqualTo(1_000);
        DatasetStore.Pushed next = store.push(version("holdout", "b".repeat(64), 3_000), "");
        assertThat(next.created()).isTrue();
        assertThat(next.version().version()).isEqualTo(2);
        // Only the latest version is compared: going back to older bytes is a change, recorded as one.
        DatasetStore.Pushed back = store.push(version("holdout", "a".repeat(64), 4_000), "");
        assertThat(back.created()).isTrue();
        assertThat(back.version().version()).isEqualTo(3);
        assertThat(store.versions("holdout")).extracting(DatasetVersion::version).containsExactly(3L, 2L, 1L);
        assertThat(store.get("holdout").orElseThrow().versions()).isEqualTo(3);
    }

    @Test
    void datasetsAreSeparateAndListedByName() {
        store.push(version("train", "a".repeat(64), 1_000), "");
        store.push(version("holdout", "a".repeat(64), 1_000), "");
        assertThat(store.push(version("holdout", "c".repeat(64), 1_000), "").version().version()).isEqualTo(2);
        assertThat(store.list()).extracting(DatasetInfo::name).containsExactly("holdout", "train");
        assertThat(store.list()).extracting(DatasetInfo::latestVersion)
                .containsExactly(OptionalLong.of(2), OptionalLong.of(1));
        assertThat(store.get("missing")).isEmpty();
        assertThat(store.versions("missing")).isEmpty();
        assertThat(store.version("train", 2)).isEmpty();
    }

    @Test
    void aDeletedVersionsNumberIsNeverGivenOutAgain() {
        store.push(version("holdout", "a".repeat(64), 1_000), "");
        store.push(version("holdout", "b".repeat(64), 2_000), "");
        assertThat(store.deleteVersion("holdout", 2)).isTrue();
        assertThat(store.deleteVersion("holdout", 2)).isFalse();
        assertThat(store.latest("holdout").orElseThrow().version()).isEqualTo(1);
        DatasetStore.Pushed pushed = store.push(version("holdout", "b".repeat(64), 3_000), "");
        assertThat(pushed.version().version()).isEqualTo(3);
        assertThat(store.deleteVersion("holdout", 1)).isTrue();
        assertThat(store.deleteVersion("holdout", 3)).isTrue();
        assertThat(store.get("holdout").orElseThrow().latestVersion()).isEmpty();
        assertThat(store.latest("holdout")).isEmpty();
        assertThat(store.push(version("holdout", "a".repeat(64), 4_000), "").version().version()).isEqualTo(4);
    }

    @Test
    void concurrentPushesOfDifferentBytesGetDistinctVersions() throws Exception {
        int writers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<DatasetStore.Pushed>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String sha = "%064x".formatted(i + 1);
                results.add(pool.submit(() -> {
                    start.await();
                    return store.push(version("race", sha, 1_000), "");
                }));
            }
            start.countDown();
            List<Long> versions = new ArrayList<>();
            for (Future<DatasetStore.Pushed> result : results) {
                DatasetStore.Pushed pushed = result.get();
                assertThat(pushed.created()).isTrue();
                versions.add(pushed.version().version());
            }
            assertThat(versions).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
            assertThat(store.versions("race")).hasSize(writers);
            assertThat(store.versions("race")).extracting(DatasetVersion::sha256).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentPushesOfTheSameBytesMakeOneVersion() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<DatasetStore.Pushed>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return store.push(version("same", "d".repeat(64), 1_000), "");
                }));
            }
            start.countDown();
            int created = 0;
            for (Future<DatasetStore.Pushed> result : results) {
                DatasetStore.Pushed pushed = result.get();
                assertThat(pushed.version().version()).isEqualTo(1);
                created += pushed.created() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
            assertThat(store.versions("same")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static NewDatasetVersion version(String name, String sha256, long time) {
        return new NewDatasetVersion(name, sha256, 4096, DataFormat.CSV, 365, SCHEMA, "alice", time,
                "seattle-weather.csv, 2015 rows");
    }
}
