package dev.sextant.server.observe;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Wraps every request: assigns its id (echoed in {@code X-Request-Id} and put in the MDC so every
 * log line carries it), records metrics by route template, and writes a DEBUG access log line.
 */
final class RequestObserver implements Filter {
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.sextant.server.access");
    /** Route label for requests that matched no route, so that unknown paths do not create series. */
    private static final String UNMATCHED = "unmatched";

    private final HttpMetrics metrics;

    RequestObserver(HttpMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        String id = RequestIds.acceptOrGenerate(req.headers().first(RequestIds.HEADER).orElse(""));
        res.header(HeaderValues.create(RequestIds.HEADER, id));
        MDC.put(RequestIds.MDC_KEY, id);
        try {
            chain.proceed();
        } finally {
            long elapsed = System.nanoTime() - start;
            String method = req.prologue().method().text();
            int status = res.status().code();
            metrics.record(method, req.matchingPattern().orElse(UNMATCHED), status, elapsed);
            if (ACCESS.isDebugEnabled()) {
                ACCESS.debug("{} {} {} {}us", method, req.path().absolute().rawPath(), status, elapsed / 1000);
            }
            MDC.remove(RequestIds.MDC_KEY);
        }
    }
}
