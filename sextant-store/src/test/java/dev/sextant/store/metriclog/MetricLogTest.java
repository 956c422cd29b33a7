package dev.sextant.store.metriclog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.tracking.Metric;
import dev.sextant.tracking.MetricBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricLogTest {
    private static final String RUN = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void aReplayStartsAtTheLastDurableOffsetNotAtWhatTheDatabaseRecords() {
        long durable;
        long end;
        try (MetricLog log = MetricLog.open(dir, 0)) {
            log.append(RUN, batch(0));
            durable = log.append(RUN, batch(1));
            log.markDurable(durable);
            log.append(RUN, batch(2));
            end = log.append(RUN, batch(3));
        }
        try (MetricLog log = MetricLog.open(dir, end)) {
            assertThat(log.replayStart(end)).isEqualTo(durable);
            assertThat(log.replayStart(durable - 1)).as("never after what the database applied").isEqualTo(durable - 1);
            List<Long> steps = new ArrayList<>();
            log.replay(log.replayStart(end), entry -> steps.add(entry.batch().step(0)));
            assertThat(steps).containsExactly(2L, 3L);
        }
    }

    @Test
    void aLogThatNeverMarkedAnOffsetTrustsTheDatabase() {
        long end;
        try (MetricLog log = MetricLog.open(dir, 0)) {
            log.append(RUN, batch(0));
            end = log.append(RUN, batch(1));
        }
        try (MetricLog log = MetricLog.open(dir, end)) {
            assertThat(log.replayStart(end)).isEqualTo(end);
        }
    }

    @Test
    void aReplayNeverStartsBeforeTheOldestRecordStillHeld() {
        long end;
        try (MetricLog log = MetricLog.open(dir, 0, 64)) { // tiny segments: every record starts a new one
            log.markDurable(0);
            for (int i = 0; i < 5; i++) {
                log.append(RUN, batch(i));
            }
            end = log.end();
            log.release(end); // the applies were made durable, but the marker was not written
        }
        try (MetricLog log = MetricLog.open(dir, end)) {
            assertThat(log.replayStart(end)).isEqualTo(end);
        }
    }

    @Test
    void aDamagedDurableFileIsReportedNotGuessed() throws IOException {
        try (MetricLog log = MetricLog.open(dir, 0)) {
            log.markDurable(7);
        }
        Files.writeString(dir.resolve("durable"), "seven");
        assertThatThrownBy(() -> MetricLog.open(dir, 0)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("durable offset").hasMessageContaining("seven");
    }

    private static MetricBatch batch(long step) {
        return MetricBatch.of(List.of(new Metric("loss", step * 0.5, 1_000 + step, step)));
    }
}
