package dev.sextant.server.http;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Closes the connection after answering a request that carried {@code Connection: close}
 * (RFC 9112 §9.6). The web server marks such responses but otherwise waits for the client to
 * hang up, which leaves sockets of clients that rely on the server closing them open.
 */
public final class ConnectionClose implements Filter {
    /** Larger unread bodies are not worth reading just to close politely. */
    private static final long MAX_DRAINED_BYTES = 1024 * 1024;

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        chain.proceed();
        if (res.isSent() && req.headers().containsToken(HeaderValues.CONNECTION_CLOSE)) {
            drainUnreadBody(req);
            throw new CloseConnectionException("the client asked to close the connection");
        }
    }

    /**
     * Closing a socket with unread request bytes makes the kernel reset the connection, which can
     * destroy the response before the client reads it (a GET that carried a body nobody reads).
     */
    private static void drainUnreadBody(RoutingRequest req) {
        long declared = req.headers().contentLength().orElse(-1);
        if (declared <= 0 || declared > MAX_DRAINED_BYTES || !req.content().hasEntity() || req.content().consumed()) {
            return;
        }
        try {
            req.content().consume();
        } catch (RuntimeException clientGone) {
            // The client stopped sending; the connection closes either way.
        }
    }
}
