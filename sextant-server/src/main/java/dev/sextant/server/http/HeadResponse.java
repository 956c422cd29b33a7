package dev.sextant.server.http;

import io.helidon.common.uri.UriQuery;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.ServerResponseTrailers;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The response to a HEAD request: what GET would answer (status and headers) without the body
 * (RFC 9110 §9.3.2). Helidon routes HEAD like any other method, so GET's handler runs against this
 * response. A body GET sends whole keeps its Content-Length. A body GET streams is never produced:
 * the headers go out when the handler opens the stream, with the Content-Length the handler
 * declared (a file's size) or, without one, none at all and {@code Transfer-Encoding: chunked}, as
 * GET sends a large stream (RFC 9110 §8.6, RFC 9112 §6.1); counting would mean producing the whole
 * body, which for a long metric history is the whole cost of GET.
 */
final class HeadResponse implements ServerResponse {
    private final ServerResponse response;
    private boolean streamed;
    private boolean lengthUnknown;

    private HeadResponse(ServerResponse response) {
        this.response = response;
    }

    /** GET's handler, answering HEAD. */
    static Handler of(Handler get) {
        return (req, res) -> {
            HeadResponse head = new HeadResponse(res);
            try {
                get.handle(req, head);
            } catch (RuntimeException e) {
                if (!head.streamed || !BodyNotWanted.caused(e)) {
                    throw e;
                }
            }
            if (head.lengthUnknown) {
                // The web server cannot send chunked headers alone: it follows them with an empty
                // chunked body, which the client of a HEAD does not read. Closing the connection
                // (announced by Connection: close) keeps those bytes from being read as a response.
                throw new CloseConnectionException("HEAD answered for a streamed GET");
            }
        };
    }

    /** The response to write to: the body-less one for a HEAD request. */
    static ServerResponse forRequest(ServerRequest req, ServerResponse res) {
        return req.prologue().method() == Method.HEAD ? new HeadResponse(res) : res;
    }

    @Override
    public ServerResponse status(Status status) {
        response.status(status);
        return this;
    }

    @Override
    public Status status() {
        return response.status();
    }

    @Override
    public ServerResponse header(Header header) {
        response.header(header);
        return this;
    }

    @Override
    public void send() {
        response.send();
    }

    @Override
    public void send(byte[] bytes) {
        send(bytes, 0, bytes.length);
    }

    @Override
    public void send(byte[] bytes, int position, int length) {
        sendLength(length);
    }

    @Override
    public void send(Object entity) {
        switch (entity) {
            case byte[] bytes -> send(bytes);
            case String text -> send(text.getBytes(StandardCharsets.UTF_8));
            default -> {
                // Any other entity goes through Helidon's media writers into a stream that drops it.
                response.streamFilter(ignored -> OutputStream.nullOutputStream());
                response.send(entity);
            }
        }
    }

    @Override
    public boolean isSent() {
        return response.isSent();
    }

    /**
     * Sends GET's status and headers, and stops the handler before it produces the body: the
     * exception thrown here unwinds it (closing what it opened) and {@link #of} catches it.
     */
    @Override
    public OutputStream outputStream() {
        if (streamed) {
            throw new IllegalStateException("OutputStream already obtained");
        }
        streamed = true;
        lengthUnknown = !response.headers().contains(HeaderNames.CONTENT_LENGTH);
        if (lengthUnknown) {
            response.header(HeaderValues.TRANSFER_ENCODING_CHUNKED);
            response.header(HeaderValues.CONNECTION_CLOSE);
        }
        response.send();
        throw new BodyNotWanted();
    }

    @Override
    public long bytesWritten() {
        return response.bytesWritten();
    }

    @Override
    public ServerResponse beforeSend(Runnable beforeSend) {
        response.beforeSend(beforeSend);
        return this;
    }

    @Override
    public ServerResponse whenSent(Runnable listener) {
        response.whenSent(listener);
        return this;
    }

    @Override
    public ServerResponse reroute(String newPath) {
        response.reroute(newPath);
        return this;
    }

    @Override
    public ServerResponse reroute(String path, UriQuery query) {
        response.reroute(path, query);
        return this;
    }

    @Override
    public ServerResponse next() {
        response.next();
        return this;
    }

    @Override
    public ServerResponseHeaders headers() {
        return response.headers();
    }

    @Override
    public ServerResponseTrailers trailers() {
        return response.trailers();
    }

    @Override
    public ServerResponse beforeTrailers(Consumer<ServerResponseTrailers> trailersConsumer) {
        response.beforeTrailers(trailersConsumer);
        return this;
    }

    @Override
    public void streamResult(String result) {
        response.streamResult(result);
    }

    @Override
    public void streamFilter(UnaryOperator<OutputStream> filterFunction) {
        response.streamFilter(filterFunction);
    }

    /** Sends the headers with GET's body length (unless the handler set one) and no body. */
    private void sendLength(long length) {
        if (!response.headers().contains(HeaderNames.CONTENT_LENGTH)) {
            response.headers().contentLength(length);
        }
        response.send();
    }

    /** Thrown where a streamed body would begin: HEAD has sent everything it answers. */
    private static final class BodyNotWanted extends RuntimeException {
        BodyNotWanted() {
            super("HEAD sends no body", null, false, false);
        }

        static boolean caused(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof BodyNotWanted) {
                    return true;
                }
            }
            return false;
        }
    }
}
