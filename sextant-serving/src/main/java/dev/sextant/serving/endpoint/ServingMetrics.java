package dev.sextant.serving.endpoint;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Inference metrics per deployment, slot and model version: requests by outcome, latency
 * histogram, batch sizes, shadow agreement, and the inference log's drops. Meters are built once
 * per combination and reused.
 */
public final class ServingMetrics {
    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Meters> meters = new ConcurrentHashMap<>();

    /** The meters of one deployment slot serving one version. */
    final class Meters {
        final String slot;
        final String version;
        final Counter ok;
        final Counter clientErrors;
        final Counter errors;
        final Timer latency;
        final DistributionSummary batchSize;
        final Counter shadowAgreed;
        final Counter shadowDisagreed;
        final Counter shadowFailed;
        final Counter shadowSkipped;

        Meters(String deployment, String slot, String version) {
            this.slot = slot;
            this.version = version;
            String[] tags = {"deployment", deployment, "slot", slot, "version", version};
            ok = requests(tags, "ok");
            clientErrors = requests(tags, "client_error");
            errors = requests(tags, "error");
            latency = Timer.builder("sextant.inference.duration").description("Time to answer an inference request")
                    .tags(tags).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(20_000)).maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry);
            batchSize = DistributionSummary.builder("sextant.inference.batch.size")
                    .description("Rows per model call (adaptive batching merges requests)").tags(tags)
                    .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256).register(registry);
            shadowAgreed = shadow(tags, "agreed");
            shadowDisagreed = shadow(tags, "disagreed");
            shadowFailed = shadow(tags, "failed");
            shadowSkipped = shadow(tags, "skipped");
        }

        private Counter requests(String[] tags, String outcome) {
            return Counter.builder("sextant.inference.requests").description("Inference requests answered")
                    .tags(tags).tag("outcome", outcome).register(registry);
        }

        private Counter shadow(String[] tags, String result) {
            return Counter.builder("sextant.inference.shadow.comparisons")
                    .description("Mirrored requests by how the shadow model's answer compared with the primary's")
                    .tags(tags).tag("result", result).register(registry);
        }

        SlotCounts counts() {
            HistogramSnapshot histogram = latency.takeSnapshot();
            List<SlotCounts.Bucket> buckets = new ArrayList<>();
            for (CountAtBucket bucket : histogram.histogramCounts()) {
                buckets.add(new SlotCounts.Bucket(bucket.bucket(TimeUnit.SECONDS), (long) bucket.count()));
            }
            return new SlotCounts(slot, version, (long) ok.count(), (long) clientErrors.count(), (long) errors.count(),
                    histogram.count(), histogram.total(TimeUnit.SECONDS), histogram.max(TimeUnit.SECONDS), buckets,
                    (long) shadowAgreed.count(), (long) shadowDisagreed.count(), (long) shadowFailed.count(),
                    (long) shadowSkipped.count());
        }

        void record(long nanos, int status) {
            (status < 400 ? ok : status < 500 ? clientErrors : errors).increment();
            latency.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    public ServingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Metrics kept in memory only, for tools and tests that do not export them. */
    public static ServingMetrics inMemory() {
        return new ServingMetrics(new SimpleMeterRegistry());
    }

    /** Exports the inference log's drop count as {@code sextant_inference_log_dropped_total}. */
    public void watchLogDrops(Supplier<Long> dropped, Supplier<Long> written) {
        FunctionCounter.builder("sextant.inference.log.dropped", dropped, s -> s.get())
                .description("Inference log records dropped because the writer's queue was full").register(registry);
        FunctionCounter.builder("sextant.inference.log.written", written, s -> s.get())
                .description("Inference log records written").register(registry);
    }

    Meters of(String deployment, String slot, String version) {
        String key = deployment + '\0' + slot + '\0' + version;
        Meters m = meters.get(key);
        return m != null ? m : meters.computeIfAbsent(key, k -> new Meters(deployment, slot, version));
    }

    /** The counts of every slot and version of {@code deployment} this server has loaded, by slot and version. */
    public List<SlotCounts> counts(String deployment) {
        String prefix = deployment + '\0';
        List<SlotCounts> counts = new ArrayList<>();
        meters.forEach((key, m) -> {
            if (key.startsWith(prefix)) {
                counts.add(m.counts());
            }
        });
        counts.sort(java.util.Comparator.comparing(SlotCounts::slot).thenComparing(SlotCounts::version));
        return counts;
    }

    public MeterRegistry registry() {
        return registry;
    }
}
