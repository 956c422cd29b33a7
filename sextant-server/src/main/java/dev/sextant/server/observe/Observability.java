package dev.sextant.server.observe;

import dev.sextant.server.http.Json;
import dev.sextant.server.http.JsonResponses;
import dev.sextant.server.http.Routes;
import dev.sextant.server.security.Policy;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Health probes, Prometheus metrics and the per-request observer, sharing one meter registry.
 * {@code /health/ready} answers 503 until {@link #markReady()}, i.e. until the server has said it is ready.
 */
public final class Observability implements AutoCloseable {
    private static final Header PROMETHEUS_TEXT = HeaderValues.createCached(HeaderNames.CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final AtomicBoolean ready = new AtomicBoolean();
    private final RequestObserver observer;

    public Observability() {
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        observer = new RequestObserver(new HttpMetrics(registry));
    }

    public Filter requestFilter() {
        return observer;
    }

    /** Health probes and metrics, all open. */
    public Routes routes() {
        return routes(Policy.open());
    }

    /** Health probes are always open; {@code /metrics} takes the given policy. */
    public Routes routes(Policy metrics) {
        return new Routes()
                .get("/health/live", Policy.open(), (req, res) -> status(res, true))
                .get("/health/ready", Policy.open(), (req, res) -> status(res, ready.get()))
                .get("/metrics", metrics, (req, res) -> {
                    res.header(PROMETHEUS_TEXT);
                    res.send(registry.scrape().getBytes(StandardCharsets.UTF_8));
                });
    }

    public void markReady() {
        ready.set(true);
    }

    public boolean isReady() {
        return ready.get();
    }

    /** The registry {@code /metrics} exports, for features that publish their own meters. */
    public MeterRegistry meterRegistry() {
        return registry;
    }

    private static void status(ServerResponse res, boolean up) {
        JsonResponses.send(res, up ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503, HeaderValues.CONTENT_TYPE_JSON,
                Json.NATIVE, json -> {
                    json.writeStartObject();
                    json.writeStringField("status", up ? "UP" : "DOWN");
                    json.writeEndObject();
                });
    }

    @Override
    public void close() {
        ready.set(false);
        gcMetrics.close();
        registry.close();
    }
}
