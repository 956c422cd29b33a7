package dev.sextant.server.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Request count and latency per method, route template and status. Meters are looked up once per
 * distinct combination and then reused: building them per request would dominate small requests.
 */
final class HttpMetrics {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final MeterRegistry registry;
    private final ConcurrentHashMap<Key, Meters> meters = new ConcurrentHashMap<>();

    private record Key(String method, String route, int status) {
    }

    private record Meters(Counter requests, Timer latency) {
    }

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String method, String route, int status, long nanos) {
        // Unknown methods are folded together so that clients cannot grow the series without bound.
        Key key = new Key(METHODS.contains(method) ? method : "OTHER", route, status);
        Meters m = meters.get(key);
        if (m == null) {
            m = meters.computeIfAbsent(key, this::create);
        }
        m.requests().increment();
        m.latency().record(nanos, TimeUnit.NANOSECONDS);
    }

    private Meters create(Key key) {
        String status = String.valueOf(key.status());
        Counter counter = Counter.builder("sextant.http.requests")
                .description("HTTP requests handled")
                .tags("method", key.method(), "route", key.route(), "status", status)
                .register(registry);
        Timer timer = Timer.builder("sextant.http.request.duration")
                .description("Time to handle an HTTP request, until the handler returns")
                .tags("method", key.method(), "route", key.route(), "status", status)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        return new Meters(counter, timer);
    }
}
